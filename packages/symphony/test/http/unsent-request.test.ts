/**
 * A request that surely never reached the server (no connection: refused, a TLS handshake cut) is
 * retried after the usual backoff, even by a call that asks for a lost-answer wait or refuses blind
 * retries; a request cut after it was sent may have been acted on, and waits. Real sockets on
 * loopback; the recording clock shows each wait the client chose (none is really waited).
 */
import { createServer as createTcpServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { SymphonyConnection, silentLogger } from "../../src/index.ts";
import { botKeyPair, FakePod } from "../fake-symphony/fake-pod.ts";
import { recordingClock, testConfig } from "../fake-symphony/test-config.ts";
import { failure } from "../support/failure.ts";

const keys = botKeyPair();
const LOST_ANSWER_WAIT = 60_000;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A connection to `port` (three attempts per call: two recorded waits when retried). */
function connect(port: number, scheme: "http" | "https" = "http", host = "127.0.0.1") {
  const clock = recordingClock();
  const base = testConfig(port, keys.pkcs8);
  const service = { scheme, host, port, context: "" };
  const connection = new SymphonyConnection(
    {
      ...base,
      services: { pod: service, agent: service, keyManager: service, sessionAuth: service },
      retry: { ...base.retry, maxAttempts: 3 },
    },
    { logger: silentLogger(), clock },
  );
  cleanups.push(() => connection.close());
  return { connection, clock };
}

/** A call asking for the lost-answer wait (without a session unless told). */
const probe = (
  connection: SymphonyConnection,
  extra: { retryAmbiguous?: boolean; auth?: "none" | "session" } = {},
) =>
  connection.client.call({
    service: "pod",
    method: "GET",
    path: "/pod/v2/sessioninfo",
    auth: "none",
    operation: "probe",
    lostAnswerWaitMs: LOST_ANSWER_WAIT,
    ...extra,
  });

/** A TCP server that does `onConnection` with each connection; its port. */
async function tcpServer(onConnection: (socket: Socket) => void): Promise<number> {
  const server: Server = createTcpServer(onConnection);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return (server.address() as { port: number }).port;
}

/** A port nothing listens on: connecting is refused. */
async function closedPort(): Promise<number> {
  const port = await tcpServer(() => {});
  await cleanups.pop()?.();
  return port;
}

describe("a request that never reached the server", () => {
  it("refused: retried after the backoff, not after the lost-answer wait", async () => {
    const { connection, clock } = connect(await closedPort());
    const error = await failure(probe(connection));
    expect(error.code).toBe("HTTP_NETWORK_ERROR");
    expect(error.message).toContain("ECONNREFUSED");
    expect(clock.sleeps).toEqual([1, 2]);
  });

  it("refused: retried even by a call that refuses blind retries (nothing was sent to repeat)", async () => {
    const { connection, clock } = connect(await closedPort());
    expect((await failure(probe(connection, { retryAmbiguous: false }))).code).toBe("HTTP_NETWORK_ERROR");
    expect(clock.sleeps).toEqual([1, 2]);
  });

  it("a host name that does not resolve (.invalid never does): the backoff", async () => {
    const { connection, clock } = connect(443, "http", "pod.invalid");
    const error = await failure(probe(connection));
    expect(error.code).toBe("HTTP_NETWORK_ERROR");
    expect(error.message).toMatch(/ENOTFOUND|EAI_AGAIN/);
    expect(clock.sleeps).toEqual([1, 2]);
  });

  it("a TLS handshake cut by the server (ECONNRESET before the request): the backoff", async () => {
    const port = await tcpServer((socket) => socket.destroy());
    const { connection, clock } = connect(port, "https");
    const error = await failure(probe(connection));
    expect(error.code).toBe("HTTP_NETWORK_ERROR");
    expect(error.message).toContain("ECONNRESET");
    expect(clock.sleeps).toEqual([1, 2]);
  });
});

describe("a request cut after it was sent", () => {
  it("dropped once the server had it (acted on or not, the client cannot tell): the lost-answer wait", async () => {
    const pod = await FakePod.start({ publicKey: keys.publicKey });
    cleanups.push(() => pod.close());
    const { connection, clock } = connect(pod.port);
    await connection.start();
    pod.fault("GET", "/pod/v2/sessioninfo", { drop: true });
    await probe(connection, { auth: "session" });
    expect(clock.sleeps).toEqual([LOST_ANSWER_WAIT]);
  });

  it("dropped so, a call that refuses blind retries is not retried", async () => {
    const pod = await FakePod.start({ publicKey: keys.publicKey });
    cleanups.push(() => pod.close());
    const { connection, clock } = connect(pod.port);
    await connection.start();
    pod.fault("GET", "/pod/v2/sessioninfo", { drop: true });
    expect((await failure(probe(connection, { retryAmbiguous: false, auth: "session" }))).code).toBe(
      "HTTP_NETWORK_ERROR",
    );
    expect(clock.sleeps).toEqual([]);
  });
});
