/**
 * A test pod and the bots started on it, for tests that drive the adapter themselves rather than
 * through `startE2eChat`: after each test the bots stop (in the order they started), then the pod closes.
 */
import { afterEach } from "vitest";
import { type SymphonyBot, type SymphonyOptions, silentLogger, symphony } from "../../../src/index.ts";
import { startTestPod, type TestPod, type TestPodOptions } from "./test-pod.ts";

export interface PodAndBots {
  /** Starts this test's pod. */
  startPod(options?: TestPodOptions): Promise<TestPod>;
  /** Starts `bot` on the pod through its config file, quiet, with `options` on top; stopped after the test. */
  startBot(bot: Parameters<typeof symphony>[0], options?: Partial<SymphonyOptions>): Promise<SymphonyBot>;
}

/** Registers the clean-up for the enclosing file or describe; call once there. */
export function podAndBotsPerTest(): PodAndBots {
  let pod: TestPod | undefined;
  const running: SymphonyBot[] = [];
  afterEach(async () => {
    for (const instance of running.splice(0)) await instance.stop();
    await pod?.close();
    pod = undefined;
  });
  return {
    async startPod(options) {
      pod = await startTestPod(options);
      return pod;
    },
    async startBot(bot, options = {}) {
      if (!pod) throw new Error("start the pod before a bot on it");
      const instance = symphony(bot, { config: pod.configPath, logger: silentLogger(), ...options });
      running.push(instance);
      await instance.start();
      return instance;
    },
  };
}
