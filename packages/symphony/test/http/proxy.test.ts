import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SymphonyConnection, silentLogger } from "../../src/index.ts";
import { botKeyPair, FakePod } from "../fake-symphony/fake-pod.ts";
import { recordingClock, testConfig } from "../fake-symphony/test-config.ts";

/** A minimal HTTP CONNECT proxy that records what it tunnels. */
async function startProxy() {
  const seen: { target: string; headers: IncomingHttpHeaders }[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => res.writeHead(405).end());
  server.on("connect", (req, client: Socket) => {
    seen.push({ target: req.url ?? "", headers: req.headers });
    const [host, port] = (req.url ?? "").split(":");
    const upstream = connect(Number(port), host!, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => undefined);
      s.on("close", () => sockets.delete(s));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    seen,
    port: (server.address() as AddressInfo).port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const keys = botKeyPair();
let pod: FakePod;
let proxy: Awaited<ReturnType<typeof startProxy>>;

beforeAll(async () => {
  pod = await FakePod.start({ publicKey: keys.publicKey });
  proxy = await startProxy();
});
afterAll(async () => {
  await proxy.close();
  await pod.close();
});

describe("proxy", () => {
  it("sends every call through the configured proxy, with its credentials", async () => {
    const base = testConfig(pod.port, keys.pkcs8);
    const proxied = {
      ...base.services.pod,
      proxy: { host: "127.0.0.1", port: proxy.port, username: "u", password: "proxy-pass" },
    };
    const config = {
      ...base,
      services: { pod: proxied, agent: proxied, keyManager: proxied, sessionAuth: proxied },
    };
    const connection = new SymphonyConnection(config, { logger: silentLogger(), clock: recordingClock() });
    try {
      expect((await connection.start()).id).toBe(pod.botId);
    } finally {
      await connection.close();
    }
    expect(proxy.seen.length).toBeGreaterThan(0);
    expect(proxy.seen[0]!.target).toBe(`127.0.0.1:${pod.port}`);
    expect(proxy.seen[0]!.headers["proxy-authorization"]).toBe(
      `Basic ${Buffer.from("u:proxy-pass").toString("base64")}`,
    );
  });
});
