import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBotJwt, createLogger, SecretRegistry, SymphonyConnection } from "../../src/index.ts";
import { messageSent, waitFor } from "../fake-symphony/events.ts";
import { botKeyPair, FakePod } from "../fake-symphony/fake-pod.ts";
import type { RecordedRequest } from "../fake-symphony/fake-server.ts";
import { recordingClock, testConfig } from "../fake-symphony/test-config.ts";

const keys = botKeyPair();

function capture() {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => lines.push(line) } };
}

describe("secret registry and logger", () => {
  it("blanks registered secrets, JWTs and PEM private keys wherever they are in a line", async () => {
    const secrets = new SecretRegistry();
    secrets.add("opaque-session-token-0123456789");
    const { lines, destination } = capture();
    const logger = createLogger({ destination, secrets, level: "debug" });
    const jwt = await createBotJwt("bot", keys.pkcs8, Date.now());
    logger.info({ body: "token=opaque-session-token-0123456789" }, `got ${jwt}`);
    logger.warn({ nested: { deep: { key: keys.pkcs1 } } }, "key material");
    logger.error(new Error(`failed with opaque-session-token-0123456789 and ${keys.pkcs8}`));
    const output = lines.join("");
    expect(output).not.toContain("opaque-session-token-0123456789");
    expect(output).not.toContain(jwt);
    expect(output).not.toContain("PRIVATE KEY");
    expect(output).not.toContain(keys.pkcs8.split("\n")[1]!);
    expect(output.match(/\[REDACTED\]/g)?.length).toBeGreaterThanOrEqual(5);
  });

  it("redacts fields that hold secrets by name, even unregistered values", () => {
    const { lines, destination } = capture();
    const logger = createLogger({ destination });
    logger.info({ sessionToken: "abc", headers: { keyManagerToken: "def" }, password: "ghi" }, "fields");
    const line = JSON.parse(lines[0]!);
    expect(line.sessionToken).toBe("[REDACTED]");
    expect(line.headers.keyManagerToken).toBe("[REDACTED]");
    expect(line.password).toBe("[REDACTED]");
  });

  it("keeps every permanent secret and the most recent tokens, however many logins there were", () => {
    const secrets = new SecretRegistry();
    secrets.add("permanent-password-123");
    for (let i = 0; i < 500; i++) secrets.addRotating(`session-token-number-${i}`);
    expect(secrets.scrub("permanent-password-123 session-token-number-499")).toBe("[REDACTED] [REDACTED]");
  });

  it("ignores secrets too short to blank safely", () => {
    const secrets = new SecretRegistry();
    secrets.add("1234");
    expect(secrets.scrub("time 1234")).toBe("time 1234");
  });
});

describe("a whole run: auth, retries, re-auth, datafeed — no token or key in any log line", () => {
  let pod: FakePod;
  beforeAll(async () => {
    pod = await FakePod.start({ publicKey: keys.publicKey, longPollMs: 30 });
  });
  afterAll(() => pod.close());

  it("logs what happened, and nothing secret, even when servers echo secrets back", async () => {
    const { lines, destination } = capture();
    const secrets = new SecretRegistry();
    const logger = createLogger({ destination, secrets, level: "trace" });
    const connection = new SymphonyConnection(testConfig(pod.port, keys.pkcs1), {
      logger,
      secrets,
      clock: recordingClock(),
    });
    // Servers that quote the request back: the login JWT, then the tokens in the headers.
    const echoBody = (r: RecordedRequest) => ({
      status: 503,
      text: `overloaded, you sent ${JSON.stringify(r.json)}`,
    });
    const echoHeaders = (r: RecordedRequest) => ({
      status: 500,
      json: {
        code: 500,
        message: `bad session ${r.headers.sessiontoken} / ${r.headers.keymanagertoken ?? ""}`,
      },
    });
    pod.fault("POST", "/login/pubkey/authenticate", echoBody);
    pod.fault("POST", "/relay/pubkey/authenticate", echoBody);
    pod.fault("GET", "/pod/v2/sessioninfo", echoHeaders);
    await connection.start();

    const handled: string[] = [];
    const feed = connection.createDatafeedLoop(async (events) => {
      handled.push(...events.map((e) => e.id!));
    });
    const running = feed.run();
    await waitFor(() => pod.server.requestsTo("POST", /\/read$/).length > 0, "first read");
    pod.fault("POST", /\/read$/, echoHeaders, { status: 429, headers: { "retry-after": "0" } });
    pod.expireSessions();
    await waitFor(() => connection.session.loginCount === 2, "re-login after the session expired");
    pod.push([messageSent("e1", 5, "hello")]);
    await waitFor(() => handled.length === 1, "event after re-auth and retries");
    await feed.stop();
    await running;

    // A failed call whose error message carries what the server said (here, a token), logged as an error.
    pod.fault("GET", "/pod/v2/sessioninfo", (r) => ({
      status: 400,
      json: { code: 400, message: `rejected token ${r.headers.sessiontoken}` },
    }));
    const error = await connection.sessionApi.sessionInfo().catch((e: unknown) => e);
    logger.error({ err: error }, "call failed");
    await connection.close();

    const output = lines.join("");
    expect(output).toContain("bot logged in");
    expect(output).toContain("call failed, retrying after backoff");
    expect(output).toContain("session refused (401)");
    expect(connection.session.loginCount).toBe(2);
    expect(pod.issuedTokens.length).toBeGreaterThanOrEqual(4);
    for (const token of pod.issuedTokens) expect(output).not.toContain(token);
    expect(output).not.toMatch(/eyJ[A-Za-z0-9_-]{4,}\./);
    expect(output).not.toContain("PRIVATE KEY");
    for (const line of keys.pkcs1.split("\n").slice(1, -2)) expect(output).not.toContain(line);
    expect(output).toContain("[REDACTED]");
  });
});
