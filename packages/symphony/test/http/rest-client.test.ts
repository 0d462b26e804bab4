import { getEventListeners } from "node:events";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  SymphonyConnection,
  type SymphonyError,
  type SymphonyHttpError,
  silentLogger,
} from "../../src/index.ts";
import { botKeyPair, FakePod } from "../fake-symphony/fake-pod.ts";
import { FakeServer } from "../fake-symphony/fake-server.ts";
import { recordingClock, testConfig } from "../fake-symphony/test-config.ts";

const keys = botKeyPair();
let pod: FakePod;
let connection: SymphonyConnection;
let clock: ReturnType<typeof recordingClock>;

beforeAll(async () => {
  pod = await FakePod.start({ publicKey: keys.publicKey });
});
afterAll(() => pod.close());

function connect(retry?: { maxAttempts: number }) {
  clock = recordingClock();
  const base = testConfig(pod.port, keys.pkcs8);
  const config = retry ? { ...base, retry: { ...base.retry, ...retry } } : base;
  connection = new SymphonyConnection(config, { logger: silentLogger(), clock });
  return connection;
}
afterEach(() => connection?.close());

async function failure(promise: Promise<unknown>): Promise<SymphonyHttpError> {
  try {
    await promise;
  } catch (error) {
    return error as SymphonyHttpError;
  }
  throw new Error("expected the call to fail");
}

describe("retries with exponential backoff", () => {
  it("retries 5xx with backoff 1, 2, 4 ms (initial × multiplier^n) and succeeds", async () => {
    const c = connect();
    await c.start();
    pod.fault("GET", "/pod/v2/sessioninfo", { status: 500 }, { status: 502 }, { status: 503 });
    const before = pod.server.requestsTo("GET", "/pod/v2/sessioninfo").length;
    const bot = await c.sessionApi.sessionInfo();
    expect(bot.id).toBe(pod.botId);
    expect(pod.server.requestsTo("GET", "/pod/v2/sessioninfo").length - before).toBe(4);
    expect(clock.sleeps).toEqual([1, 2, 4]);
  });

  it("spreads the waits at random (injectable): two instances failing together retry apart", async () => {
    const sleepsOf = async (draws: number[]) => {
      const c = connect();
      const drawing = Object.assign(clock, { random: () => draws.shift() ?? 0 });
      const jittered = new SymphonyConnection(
        { ...c.config, retry: { ...c.config.retry, initialIntervalMillis: 1000, maxIntervalMillis: 8000 } },
        { logger: silentLogger(), clock: drawing },
      );
      try {
        await jittered.start();
        pod.fault("GET", "/pod/v2/sessioninfo", { status: 500 }, { status: 502 }, { status: 503 });
        await jittered.sessionApi.sessionInfo();
        return [...drawing.sleeps];
      } finally {
        await jittered.close();
      }
    };
    // Each wait is between half and all of the BDK's delay (1 s, 2 s, 4 s), by the draw.
    expect(await sleepsOf([0, 0.5, 0.999])).toEqual([1000, 1500, 2002]);
    const one = await sleepsOf([0.1, 0.2, 0.3]);
    const other = await sleepsOf([0.7, 0.8, 0.9]);
    expect(one).not.toEqual(other);
  });

  it("honours Retry-After on 429 instead of its own backoff", async () => {
    const c = connect();
    await c.start();
    pod.fault("GET", "/pod/v2/sessioninfo", { status: 429, headers: { "retry-after": "0.015" } });
    await c.sessionApi.sessionInfo();
    expect(clock.sleeps).toEqual([15]);
  });

  it("retries a dropped connection (network error)", async () => {
    const c = connect();
    await c.start();
    pod.fault("GET", "/pod/v2/sessioninfo", { drop: true }, { drop: true });
    expect((await c.sessionApi.sessionInfo()).id).toBe(pod.botId);
    expect(clock.sleeps).toEqual([1, 2]);
  });

  it("a call that is not idempotent (retryAmbiguous: false) is not retried after a network error or 5xx, still after 429", async () => {
    const c = connect();
    await c.start();
    const path = "/pod/v2/sessioninfo";
    const call = () =>
      c.client.call({ service: "pod", method: "GET", path, retryAmbiguous: false, operation: "probe" });
    pod.fault("GET", path, { drop: true });
    let before = pod.server.requestsTo("GET", path).length;
    expect(await failure(call())).toMatchObject({ code: "HTTP_NETWORK_ERROR" });
    expect(pod.server.requestsTo("GET", path).length - before).toBe(1);
    pod.fault("GET", path, { status: 502 });
    before = pod.server.requestsTo("GET", path).length;
    expect(await failure(call())).toMatchObject({ code: "HTTP_SERVER_ERROR", status: 502 });
    expect(pod.server.requestsTo("GET", path).length - before).toBe(1);
    pod.fault("GET", path, { status: 429, headers: { "retry-after": "0" } });
    await call();
    expect(clock.sleeps).toEqual([0]);
  });

  it("gives up after maxAttempts with a coded error carrying the status and the server's message", async () => {
    const c = connect({ maxAttempts: 3 });
    await c.start();
    const boom = { status: 503, json: { code: 503, message: "agent overloaded" } };
    pod.fault("GET", "/pod/v2/sessioninfo", boom, boom, boom);
    const error = await failure(c.sessionApi.sessionInfo());
    expect(error.code).toBe("HTTP_SERVER_ERROR");
    expect(error.status).toBe(503);
    expect(error.message).toContain("agent overloaded");
    expect(clock.sleeps).toEqual([1, 2]);
  });

  it.each([400, 403, 404, 451])("does not retry a client error (%s)", async (status) => {
    const c = connect();
    await c.start();
    pod.fault("GET", "/pod/v2/sessioninfo", { status, json: { code: status, message: "no" } });
    const before = pod.server.requestsTo("GET", "/pod/v2/sessioninfo").length;
    const error = await failure(c.sessionApi.sessionInfo());
    expect(error.code).toBe("HTTP_CLIENT_ERROR");
    expect(error.status).toBe(status);
    expect(pod.server.requestsTo("GET", "/pod/v2/sessioninfo").length - before).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it("reports an unreachable server as a network error after its attempts", async () => {
    const closed = await FakeServer.start();
    const port = closed.port;
    await closed.close();
    const c = new SymphonyConnection(testConfig(port, keys.pkcs8), {
      logger: silentLogger(),
      clock: recordingClock(),
    });
    const error = (await failure(c.session.login())) as SymphonyError;
    expect(error.code).toBe("AUTH_FAILED");
    expect(error.message).toContain("ECONNREFUSED");
    await c.close();
  });

  it("stops waiting at once when the call is aborted during a backoff", async () => {
    const c = connect();
    await c.start();
    const abort = new AbortController();
    pod.fault("GET", "/pod/v2/sessioninfo", { status: 500 }, { status: 500 });
    const call = c.client.call({
      service: "pod",
      method: "GET",
      path: "/pod/v2/sessioninfo",
      signal: abort.signal,
    });
    abort.abort();
    expect(((await failure(call)) as SymphonyError).code).toBe("ABORTED");
  });
});

describe("long-running use", () => {
  it("leaves no listener behind on a signal shared by many calls (the datafeed's)", async () => {
    const c = connect();
    await c.start();
    const shared = new AbortController();
    for (let i = 0; i < 30; i++) {
      await c.client.call({
        service: "pod",
        method: "GET",
        path: "/pod/v2/sessioninfo",
        signal: shared.signal,
      });
    }
    expect(getEventListeners(shared.signal, "abort")).toHaveLength(0);
  });
});

describe("tokens and re-authentication on 401", () => {
  it("sends the session token to the pod, and both tokens to the agent", async () => {
    const c = connect();
    await c.start();
    await c.datafeed.listV2(undefined);
    const podCall = pod.server.requestsTo("GET", "/pod/v2/sessioninfo").at(-1)!;
    const agentCall = pod.server.requestsTo("GET", "/agent/v5/datafeeds").at(-1)!;
    expect(podCall.headers.sessiontoken).toMatch(/^session-/);
    expect(podCall.headers.keymanagertoken).toBeUndefined();
    expect(agentCall.headers.sessiontoken).toBe(podCall.headers.sessiontoken);
    expect(agentCall.headers.keymanagertoken).toMatch(/^km-/);
  });

  it("logs in again once when the session expired, then retries the call", async () => {
    const c = connect();
    await c.start();
    const logins = pod.sessionLogins;
    pod.expireSessions();
    expect((await c.sessionApi.sessionInfo()).id).toBe(pod.botId);
    expect(pod.sessionLogins - logins).toBe(1);
    expect(c.session.loginCount).toBe(2);
  });

  it("shares one re-login among many calls refused together (single flight)", async () => {
    const c = connect();
    await c.start();
    const logins = pod.sessionLogins;
    const kmLogins = pod.keyManagerLogins;
    pod.expireSessions();
    const results = await Promise.all(Array.from({ length: 8 }, () => c.sessionApi.sessionInfo()));
    expect(results.every((bot) => bot.id === pod.botId)).toBe(true);
    expect(pod.sessionLogins - logins).toBe(1);
    expect(pod.keyManagerLogins - kmLogins).toBe(1);
  });

  it("refused again after the re-login: logs in again after a backoff and retries, and succeeds", async () => {
    const c = connect();
    await c.start();
    const refused = { status: 401, json: { code: 401, message: "session expired" } };
    pod.fault("GET", "/pod/v2/sessioninfo", refused, refused);
    const logins = pod.sessionLogins;
    expect((await c.sessionApi.sessionInfo()).id).toBe(pod.botId);
    // The first re-login at once, the second after one backoff wait.
    expect(pod.sessionLogins - logins).toBe(2);
    expect(clock.sleeps).toEqual([1]);
  });

  it("gives up with HTTP_UNAUTHORIZED once the refusals outlast the retry policy, logging in before each retry", async () => {
    const c = connect({ maxAttempts: 3 });
    await c.start();
    const refused = { status: 401, json: { code: 401, message: "not entitled" } };
    pod.fault("GET", "/pod/v2/sessioninfo", refused, refused, refused, refused);
    const logins = pod.sessionLogins;
    const calls = pod.server.requestsTo("GET", "/pod/v2/sessioninfo").length;
    const error = await failure(c.sessionApi.sessionInfo());
    expect(error.code).toBe("HTTP_UNAUTHORIZED");
    expect(error.message).toContain("even after logging in again: not entitled");
    // The free re-login, then one before each of the 2 retries the 3 attempts allow.
    expect(pod.server.requestsTo("GET", "/pod/v2/sessioninfo").length - calls).toBe(4);
    expect(pod.sessionLogins - logins).toBe(3);
    expect(clock.sleeps).toEqual([1, 2]);
  });

  it("says a call that is not retried after a re-login was refused, not 'even after logging in again'", async () => {
    const c = connect();
    await c.start();
    pod.fault("GET", "/pod/v2/sessioninfo", { status: 401, json: { code: 401, message: "bad key" } });
    const error = await failure(
      c.client.call({ service: "pod", method: "GET", path: "/pod/v2/sessioninfo", reauthenticate: false }),
    );
    expect(error.message).toBe("GET /pod/v2/sessioninfo was refused (401 Unauthorized): bad key.");
  });
});
