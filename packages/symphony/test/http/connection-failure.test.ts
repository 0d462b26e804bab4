/**
 * Failures no retry can fix end the call at once, with a code and the setting to change: https
 * against a plain HTTP server, a server that does not speak HTTP. Real sockets on loopback; the
 * recording clock shows that no backoff was waited. Refused and reset connections stay retried.
 */
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer as createTcpServer, type Socket, type Server as TcpServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  connectionFailure,
  isConnectionFailure,
  SymphonyConnection,
  type SymphonyError,
  silentLogger,
} from "../../src/index.ts";
import { botKeyPair } from "../fake-symphony/fake-pod.ts";
import { recordingClock, testConfig } from "../fake-symphony/test-config.ts";
import { failure } from "../support/failure.ts";

const keys = botKeyPair();
const servers: Array<HttpServer | TcpServer> = [];
const connections: SymphonyConnection[] = [];

const sockets = new Set<Socket>();

afterEach(async () => {
  for (const c of connections.splice(0)) await c.close();
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
});

async function listen(server: HttpServer | TcpServer): Promise<number> {
  servers.push(server);
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as { port: number }).port;
}

/** A connection with the BDK's 10 attempts, so a retried failure would show as 9 recorded sleeps. */
function connect(port: number, scheme: "http" | "https") {
  const clock = recordingClock();
  const base = testConfig(port, keys.pkcs8);
  const service = { scheme, host: "127.0.0.1", port, context: "" };
  const connection = new SymphonyConnection(
    {
      ...base,
      services: { pod: service, agent: service, keyManager: service, sessionAuth: service },
      retry: { ...base.retry, maxAttempts: 10 },
    },
    { logger: silentLogger(), clock },
  );
  connections.push(connection);
  return { connection, clock };
}

describe("failures no retry can fix: thrown at once, with what to do", () => {
  it("https against a plain HTTP server: TLS_PLAIN_HTTP_SERVER, set scheme: http, no backoff", async () => {
    let accepted = 0;
    const server = createHttpServer((_request, response) => response.end("{}"));
    server.on("connection", () => accepted++);
    const { connection, clock } = connect(await listen(server), "https");
    const error = await failure(connection.start());
    expect(error.code).toBe("TLS_PLAIN_HTTP_SERVER");
    expect(error.message).toContain("set scheme: http");
    expect(error.message).toContain("ERR_SSL_WRONG_VERSION_NUMBER");
    expect(isConnectionFailure(error)).toBe(true);
    expect(clock.sleeps).toEqual([]);
    expect(accepted).toBe(1);
  });

  it("a server that does not speak HTTP: HTTP_PROTOCOL_ERROR naming host, port and scheme, no backoff", async () => {
    let accepted = 0;
    const server = createTcpServer((socket) => {
      accepted++;
      socket.end("SSH-2.0-OpenSSH_9.6\r\n\r\n");
      socket.on("error", () => undefined);
    });
    const port = await listen(server);
    const { connection, clock } = connect(port, "http");
    const error = await failure(connection.start());
    expect(error.code).toBe("HTTP_PROTOCOL_ERROR");
    expect(error.message).toContain("did not answer in HTTP");
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(clock.sleeps).toEqual([]);
    expect(accepted).toBe(1);
  });

  it("connections reset by the server are still retried with backoff", async () => {
    let accepted = 0;
    const server = createTcpServer((socket) => {
      accepted++;
      socket.resetAndDestroy();
    });
    const { connection, clock } = connect(await listen(server), "http");
    const error = await failure(connection.start());
    expect(error.code).toBe("AUTH_FAILED");
    expect((error.cause as SymphonyError).code).toBe("HTTP_NETWORK_ERROR");
    expect(clock.sleeps).toHaveLength(9);
    expect(accepted).toBe(10);
  });

  it("a refused connection is still retried with backoff", async () => {
    const server = createTcpServer();
    const port = await listen(server);
    await new Promise((resolve) => server.close(resolve));
    servers.splice(servers.indexOf(server), 1);
    const { connection, clock } = connect(port, "https");
    const error = await failure(connection.start());
    expect((error.cause as SymphonyError).code).toBe("HTTP_NETWORK_ERROR");
    expect(clock.sleeps).toHaveLength(9);
  });
});

describe("connectionFailure: which network errors are final", () => {
  const service = { scheme: "https" as const, host: "pod.example.com", port: 8443, context: "" };
  const classify = (error: unknown) => connectionFailure(error, "login", service);
  const coded = (code: string, cause?: unknown) =>
    Object.assign(new Error(code), { code }, cause ? { cause } : {});

  it("untrusted chains: TLS_CERTIFICATE_UNTRUSTED, pointing at ssl.trustStore.path", () => {
    for (const code of [
      "DEPTH_ZERO_SELF_SIGNED_CERT",
      "SELF_SIGNED_CERT_IN_CHAIN",
      "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
      "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
    ]) {
      const error = classify(coded(code));
      expect(error?.code).toBe("TLS_CERTIFICATE_UNTRUSTED");
      expect(error?.message).toContain("set ssl.trustStore.path");
    }
  });

  it("expired and wrong-host certificates: TLS_CERTIFICATE_INVALID, saying which", () => {
    expect(classify(coded("CERT_HAS_EXPIRED"))?.message).toContain("has expired");
    const wrongHost = classify(coded("ERR_TLS_CERT_ALTNAME_INVALID"));
    expect(wrongHost?.code).toBe("TLS_CERTIFICATE_INVALID");
    expect(wrongHost?.message).toContain('host "pod.example.com"');
  });

  it("a client certificate refused in the handshake, and other TLS errors: TLS_HANDSHAKE_FAILED", () => {
    expect(classify(coded("ERR_SSL_TLSV1_ALERT_UNKNOWN_CA"))?.message).toContain("bot.certificate");
    expect(classify(coded("ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE"))?.code).toBe("TLS_HANDSHAKE_FAILED");
  });

  it("finds the code on a wrapped cause", () => {
    const wrapped = new Error("fetch failed", { cause: coded("ERR_SSL_WRONG_VERSION_NUMBER") });
    expect(classify(wrapped)?.code).toBe("TLS_PLAIN_HTTP_SERVER");
  });

  it("leaves transient failures to the backoff: refused, reset, timeouts, DNS, closed sockets", () => {
    for (const code of [
      "ECONNREFUSED",
      "ECONNRESET",
      "ETIMEDOUT",
      "EAI_AGAIN",
      "ERR_TLS_HANDSHAKE_TIMEOUT",
      "ERR_SSL_UNEXPECTED_EOF_WHILE_READING",
      "ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC",
      "UND_ERR_SOCKET",
      "UND_ERR_CONNECT_TIMEOUT",
    ]) {
      expect(classify(coded(code))).toBeUndefined();
    }
    expect(classify(new Error("no code"))).toBeUndefined();
  });
});
