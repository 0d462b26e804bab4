/**
 * `datafeed.tag` on the emulator: a bot restarting, or a second instance, reads the feed named by
 * the tag instead of creating one. The emulator's create would hand back the tagged feed anyway and
 * hide a needless create, so a create is made to fail (403, not retried): only a start that reuses
 * the feed gets through, and the fault is left unused.
 */
import { createBot } from "@sprig/core";
import { describe, expect, it } from "vitest";
import { podAndBotsPerTest } from "./support/pod-and-bots.ts";
import { FAST_RETRY } from "./support/test-pod.ts";

const { startPod, startBot } = podAndBotsPerTest();

const start = () => startBot(createBot({ help: false }));

describe("a tagged datafeed on the emulator", () => {
  it("is created once, then reused by a restart and by a second instance", async () => {
    const pod = await startPod({
      config: { datafeed: { version: "v2", tag: "todo-bot", retry: { ...FAST_RETRY, maxAttempts: -1 } } },
    });
    const first = await start();
    await first.stop();
    const refusal = { method: "POST", path: "/agent/v5/datafeeds", status: 403, times: 1 };
    await pod.dev.addFault(refusal);

    const restarted = await start();
    const second = await start();
    expect(await pod.dev.faults()).toMatchObject([refusal]);
    expect(await restarted.connection.datafeed.listV2(undefined)).toMatchObject([
      { id: "todo-bot", type: "fanout" },
    ]);
    expect(second.connection.config.datafeed.tag).toBe("todo-bot");
  });
});
