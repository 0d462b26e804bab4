import { generateKeyPairSync } from "node:crypto";
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RestClient } from "../../src/http/rest-client.ts";
import { parseConfig, type SymphonyError } from "../../src/index.ts";

// The BDK's connectionTimeout / readTimeout reach the HTTP client: a server that accepts the
// connection and never answers fails the call after readTimeout (plain HTTP: no answer to the
// request) or connectionTimeout (HTTPS: the TLS handshake never completes), instead of hanging for
// undici's own defaults (10 s to connect, 5 min to answer). Without the settings applied these tests
// run past their 5 s limit and fail.
const LIMIT = { timeout: 5_000 };

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
const key = JSON.stringify(privateKey.export({ type: "pkcs8", format: "pem" }));

let silent: Server;
let port: number;
const sockets = new Set<Socket>();

beforeAll(async () => {
  silent = createServer((socket) => {
    sockets.add(socket); // reads everything, answers nothing
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  port = (silent.address() as { port: number }).port;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

async function callPod(yaml: string): Promise<SymphonyError> {
  const config = await parseConfig(
    `host: 127.0.0.1\nport: ${port}\nretry: {maxAttempts: 1}\nbot: {username: b, privateKey: {content: ${key}}}\n${yaml}`,
    { env: {} },
  );
  const client = new RestClient({ config });
  try {
    await client.call({ service: "pod", method: "GET", path: "/pod/v2/sessioninfo", auth: "none" });
    throw new Error("expected the call to time out");
  } catch (error) {
    return error as SymphonyError;
  } finally {
    await client.close();
  }
}

describe("connectionTimeout and readTimeout are applied to the HTTP client", () => {
  it("fails a call after readTimeout when the server never answers", LIMIT, async () => {
    const error = await callPod("scheme: http\nreadTimeout: 300");
    expect(error.code).toBe("HTTP_NETWORK_ERROR");
    expect(error.message).toMatch(/timeout/i);
  });

  it("a service's own readTimeout wins over the global one", LIMIT, async () => {
    const error = await callPod("scheme: http\nreadTimeout: 600000\npod: {readTimeout: 300}");
    expect(error.code).toBe("HTTP_NETWORK_ERROR");
    expect(error.message).toMatch(/timeout/i);
  });

  it("fails a call after connectionTimeout when the TLS handshake never completes", LIMIT, async () => {
    const error = await callPod("scheme: https\nconnectionTimeout: 300\nreadTimeout: 600000");
    expect(error.code).toBe("HTTP_NETWORK_ERROR");
    expect(error.message).toMatch(/connect.*timeout|timeout.*connect/i);
  });

  it("reads both keys globally and per service, and refuses a value that is not a duration", async () => {
    const config = await parseConfig(
      `host: h\nconnectionTimeout: 10000\nreadTimeout: 30000\nagent: {connectionTimeout: 20000, readTimeout: 60000}\nbot: {username: b, privateKey: {content: ${key}}}`,
      { env: {} },
    );
    expect(config.services.pod).toMatchObject({ connectionTimeoutMillis: 10000, readTimeoutMillis: 30000 });
    expect(config.services.agent).toMatchObject({ connectionTimeoutMillis: 20000, readTimeoutMillis: 60000 });
    const refused = await parseConfig(
      `host: h\nreadTimeout: soon\nbot: {username: b, privateKey: {content: ${key}}}`,
      {
        env: {},
      },
    ).catch((error: SymphonyError) => error);
    expect((refused as SymphonyError).code).toBe("CONFIG_INVALID_VALUE");
    expect((refused as SymphonyError).message).toContain('"readTimeout"');
  });
});
