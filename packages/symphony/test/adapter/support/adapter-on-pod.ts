import { afterEach, beforeEach, vi } from "vitest";
import {
  type SymphonyBot,
  type SymphonyOptions,
  silentLogger as silentPino,
  symphony,
} from "../../../src/index.ts";
import { type EmulatedPod, emulatedPod } from "../emulated-pod.ts";

export interface AdapterOnPod {
  /** The current test's pod (a fresh one per test): read through, so it may be taken once per describe. */
  readonly pod: EmulatedPod;
  /** Starts `bot` on the pod (quiet logs, the pod's config, plus `options`); stopped after the test. */
  start(bot: Parameters<typeof symphony>[0], options?: Partial<SymphonyOptions>): Promise<SymphonyBot>;
  /** Stops the bot started last, before the test ends (a restart, or a second bot on the same feed). */
  stop(): Promise<void>;
  /**
   * Waits until the bot started last is past its start: its first feed read answered, and the
   * pod's clock a second on (the answer's `Date` counts whole seconds). Events from then on are
   * the steady state's — no earlier process can have handled them, so nothing is looked up first.
   */
  steady(): Promise<void>;
}

/** Registers a fresh emulated pod for each test of the enclosing describe, closed (bot stopped first) after it. */
export function adapterOnPod(datafeed: Parameters<typeof emulatedPod>[0] = {}): AdapterOnPod {
  let current: EmulatedPod | undefined;
  let running: SymphonyBot | undefined;
  beforeEach(async () => {
    current = await emulatedPod(datafeed);
  });
  afterEach(async () => {
    await running?.stop();
    running = undefined;
    await current?.close();
    current = undefined;
  });
  const podNow = (): EmulatedPod => {
    if (!current) throw new Error("the emulated pod exists only while a test runs");
    return current;
  };
  const pod: EmulatedPod = {
    get emulator() {
      return podNow().emulator;
    },
    get config() {
      return podNow().config;
    },
    get annIm() {
      return podNow().annIm;
    },
    get team() {
      return podNow().team;
    },
    dev: <T>(method: string, path: string, body?: unknown) => podNow().dev<T>(method, path, body),
    say: (streamId, as, text) => podNow().say(streamId, as, text),
    messages: (streamId) => podNow().messages(streamId),
    botMessages: (streamId, count) => podNow().botMessages(streamId, count),
    advanceClock: (ms) => podNow().advanceClock(ms),
    close: () => podNow().close(),
  };
  return {
    pod,
    async start(bot, options = {}) {
      running = symphony(bot, { config: pod.config, logger: silentPino(), ...options });
      await running.start();
      return running;
    },
    async stop() {
      await running?.stop();
    },
    async steady() {
      if (!running) throw new Error("start a bot first");
      // start() resolves once the first read is sent: the next read goes out once it is answered.
      const reads = vi.spyOn(running.connection.datafeed, "readV2");
      await vi.waitUntil(() => reads.mock.calls.length > 0, { timeout: 10_000 });
      reads.mockRestore();
      pod.advanceClock(1000);
    },
  };
}
