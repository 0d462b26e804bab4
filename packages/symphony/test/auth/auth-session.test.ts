import { afterEach, describe, expect, it } from "vitest";
import { SymphonyConnection, silentLogger } from "../../src/index.ts";
import { botKeyPair, FakePod } from "../fake-symphony/fake-pod.ts";
import { recordingClock, testConfig } from "../fake-symphony/test-config.ts";
import { failure } from "../support/failure.ts";

const keys = botKeyPair();
const other = botKeyPair("other");
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close();
});

async function setup(podOptions: Partial<Parameters<typeof FakePod.start>[0]> = {}, pem = keys.pkcs1) {
  const pod = await FakePod.start({ publicKey: keys.publicKey, ...podOptions });
  const connection = new SymphonyConnection(testConfig(pod.port, pem), {
    logger: silentLogger(),
    clock: recordingClock(),
  });
  cleanup.push(
    () => pod.close(),
    () => connection.close(),
  );
  return { pod, connection };
}

describe("RSA authentication", () => {
  it("logs in to /login and /relay with a JWT the pod verifies, then learns who the bot is", async () => {
    const { pod, connection } = await setup();
    const bot = await connection.start();
    expect(bot).toMatchObject({ id: pod.botId, username: "sprig-bot" });
    expect(pod.server.requestsTo("POST", "/login/pubkey/authenticate")).toHaveLength(1);
    expect(pod.server.requestsTo("POST", "/relay/pubkey/authenticate")).toHaveLength(1);
    const tokens = await connection.session.tokens();
    expect(tokens.sessionToken).toMatch(/^session-/);
    expect(tokens.keyManagerToken).toMatch(/^km-/);
  });

  it("reports a refused login clearly: AUTH_REJECTED, naming the username and what to check", async () => {
    const { connection } = await setup({}, other.pkcs8);
    const error = await failure(connection.start());
    expect(error.code).toBe("AUTH_REJECTED");
    expect(error.message).toContain("401");
    expect(error.message).toContain('bot.username ("sprig-bot")');
    expect(error.message).toContain("public key");
    expect(error.message).toContain("Invalid JWT");
  });

  it("does not retry a refused login (a 401 there is final)", async () => {
    const { pod, connection } = await setup({}, other.pkcs8);
    await failure(connection.start());
    expect(pod.server.requestsTo("POST", "/login/pubkey/authenticate")).toHaveLength(1);
  });

  it("retries a login that met a 5xx or a 429", async () => {
    const { pod, connection } = await setup();
    pod.fault("POST", "/login/pubkey/authenticate", { status: 503 }, { status: 429 });
    await connection.start();
    expect(pod.server.requestsTo("POST", "/login/pubkey/authenticate")).toHaveLength(3);
  });

  it("reports a login answer without a token", async () => {
    const { pod, connection } = await setup();
    pod.fault("POST", "/login/pubkey/authenticate", { json: { name: "sessionToken" } });
    const error = await failure(connection.start());
    expect(error.code).toBe("AUTH_FAILED");
    expect(error.message).toContain("session token");
  });
});

describe("simplified key delivery", () => {
  it("skips the key manager when the session JWT allows it and the agent is 24.12+", async () => {
    const { pod, connection } = await setup({
      simplifiedKeyDelivery: { agentVersion: "Agent-24.12.2-Linux" },
    });
    await connection.start();
    expect(pod.server.requestsTo("POST", "/relay/pubkey/authenticate")).toHaveLength(0);
    expect((await connection.session.tokens()).keyManagerToken).toBe("");
    // The agent accepts the empty key-manager token.
    await connection.datafeed.listV2(undefined);
    expect(pod.server.requestsTo("GET", "/agent/v5/datafeeds").at(-1)!.headers.keymanagertoken).toBe("");
  });

  it("still fetches a key-manager token from an older agent", async () => {
    const { pod, connection } = await setup({
      simplifiedKeyDelivery: { agentVersion: "Agent-24.11.0-Linux" },
    });
    await connection.session.login();
    expect(pod.server.requestsTo("POST", "/relay/pubkey/authenticate")).toHaveLength(1);
    expect((await connection.session.tokens()).keyManagerToken).toMatch(/^km-/);
  });

  it("never asks the agent when the session token is opaque", async () => {
    const { pod, connection } = await setup();
    await connection.session.login();
    expect(pod.server.requestsTo("GET", "/agent/v1/info")).toHaveLength(0);
  });
});
