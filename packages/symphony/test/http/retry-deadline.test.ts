/**
 * The default retry schedule (the BDK's: 10 attempts, 500 ms doubling — ~255 s of waits) outlasted
 * core's 120 s dedupe lease: a redelivery then ran the action again alongside the one still
 * retrying. Within an action, retries now stop at three quarters of its lease.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RETRY_SHARE_OF_LEASE, withRetryDeadline } from "../../src/http/retry-deadline.ts";
import {
  DEFAULT_RETRY,
  OnceSender,
  SymphonyConnection,
  SymphonyHttpError,
  silentLogger,
  type V4Message,
} from "../../src/index.ts";
import { botKeyPair, FakePod } from "../fake-symphony/fake-pod.ts";
import { testConfig } from "../fake-symphony/test-config.ts";

const LEASE = 120_000;

/** A clock whose sleeps pass at once and move its time on: waits of minutes in microseconds. */
function virtualClock() {
  let offset = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    waited: () => sleeps.reduce((sum, ms) => sum + ms, 0),
    now: () => Date.now() + offset,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      offset += ms;
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

const serverError = () =>
  new SymphonyHttpError("HTTP_SERVER_ERROR", 503, "send message", undefined, undefined);

describe("retries bounded by the action's lease", () => {
  const sendFailingForever = (clock: ReturnType<typeof virtualClock>) =>
    new OnceSender({
      messages: {
        send: async () => {
          throw serverError();
        },
        update: async () => {
          throw serverError();
        },
        list: async (): Promise<V4Message[]> => [],
      },
      retry: DEFAULT_RETRY,
      clock,
    });

  it("the default schedule alone waits past the lease (the mismatch)", async () => {
    const clock = virtualClock();
    await expect(
      sendFailingForever(clock).send("s", { message: "<messageML>hi</messageML>" }),
    ).rejects.toThrow();
    expect(clock.waited()).toBeGreaterThan(LEASE);
  });

  it("a send within an action stops retrying before the lease runs out", async () => {
    const clock = virtualClock();
    const sending = withRetryDeadline(clock.now() + LEASE * RETRY_SHARE_OF_LEASE, () =>
      sendFailingForever(clock).send("s", { message: "<messageML>hi</messageML>" }),
    );
    await expect(sending).rejects.toMatchObject({ status: 503 });
    expect(clock.waited()).toBeLessThan(LEASE * RETRY_SHARE_OF_LEASE);
    expect(clock.sleeps.length).toBeGreaterThan(3);
  });

  describe("the REST client", () => {
    const keys = botKeyPair();
    let pod: FakePod;
    beforeAll(async () => {
      pod = await FakePod.start({ publicKey: keys.publicKey });
    });
    afterAll(() => pod.close());

    it("stops retrying a 5xx before the deadline", async () => {
      const clock = virtualClock();
      const base = testConfig(pod.port, keys.pkcs8);
      const connection = new SymphonyConnection(
        { ...base, retry: DEFAULT_RETRY },
        { logger: silentLogger(), clock },
      );
      try {
        await connection.start();
        pod.fault("GET", "/pod/v2/sessioninfo", ...Array.from({ length: 20 }, () => ({ status: 503 })));
        const call = withRetryDeadline(clock.now() + 10_000, () => connection.sessionApi.sessionInfo());
        await expect(call).rejects.toMatchObject({ status: 503 });
        expect(clock.sleeps).toEqual([500, 1000, 2000, 4000]); // the next (8 s) would pass the deadline
      } finally {
        await connection.close();
      }
    });
  });
});
