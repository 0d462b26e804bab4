/**
 * `stop()` ends within its grace period whatever the pod or the handlers do: a start retrying
 * against a failing agent is cancelled, a send waiting out its backoff is cancelled, a handler that
 * never returns is abandoned — and what did not finish is left unacknowledged, so a later instance
 * answers it (once). Real HTTP against the emulator.
 */
import { createBot } from "@sprig/core";
import { describe, expect, it } from "vitest";
import { silentLogger, symphony } from "../../src/index.ts";
import { ANN, BOT, textOf } from "./emulated-pod.ts";
import { adapterOnPod } from "./support/adapter-on-pod.ts";

const waitUntil = async (check: () => boolean | Promise<boolean>, what: string) => {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe("stop() within a bounded grace period", () => {
  const { pod, start } = adapterOnPod();

  it("cancels a start() that retries against an agent answering 503, and resolves", async () => {
    let listCalls = 0;
    await pod.dev("POST", "/faults", {
      method: "GET",
      path: "/agent/v5/datafeeds",
      status: 503,
      times: 100_000,
    });
    const bot = symphony(createBot(), { config: pod.config, logger: silentLogger() });
    const started = bot.start();
    await waitUntil(async () => {
      const [fault] = await pod.dev<{ times: number }[]>("GET", "/faults");
      listCalls = 100_000 - (fault?.times ?? 100_000);
      return listCalls >= 3;
    }, "the adapter retrying the feed list");
    await bot.stop();
    await expect(started).resolves.toBeUndefined(); // cancelled by stop: not a failure
    await expect(bot.done).resolves.toBeUndefined();
    const [fault] = await pod.dev<{ times: number }[]>("GET", "/faults");
    const after = 100_000 - (fault?.times ?? 100_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const [later] = await pod.dev<{ times: number }[]>("GET", "/faults");
    expect(100_000 - (later?.times ?? 100_000)).toBe(after); // no call after stop
  });

  it("cancels a send waiting out a long backoff; the event comes back and is answered once", async () => {
    const slowRetry = {
      maxAttempts: 5,
      initialIntervalMillis: 600_000,
      multiplier: 2,
      maxIntervalMillis: 600_000,
    };
    const bot = createBot();
    bot.command("ping", () => "pong");
    await pod.dev("POST", "/faults", { path: "/agent/v4/stream/*/message/create", status: 503, times: 1 });
    const first = await start(bot, { config: { ...pod.config, retry: slowRetry }, stopGraceMs: 300 });
    await pod.say(pod.annIm, ANN, "/ping");
    await waitUntil(async () => (await pod.dev<unknown[]>("GET", "/faults")).length === 0, "the failed send");
    await first.stop(); // without the cancel, this waits 10 minutes for the backoff
    const second = createBot();
    second.command("ping", () => "pong");
    await start(second, { stopGraceMs: 300 });
    const answers = await pod.botMessages(pod.annIm, 1);
    await new Promise((resolve) => setTimeout(resolve, 600)); // a redelivery window: nothing more comes
    expect(
      (await pod.messages(pod.annIm)).filter((m) => m.user.userId === BOT).map((m) => textOf(m.message)),
    ).toEqual(answers.map((m) => textOf(m.message)));
    expect(answers.map((m) => textOf(m.message))).toEqual(["pong"]);
  });

  it("abandons a handler that never returns: stop() resolves, the event is redelivered unacknowledged", async () => {
    let entered = false;
    const hung = createBot();
    hung.command("ping", async () => {
      entered = true;
      await new Promise(() => undefined); // never settles
    });
    const first = await start(hung, { stopGraceMs: 200 });
    await pod.say(pod.annIm, ANN, "/ping");
    await waitUntil(() => entered, "the handler to start");
    await first.stop();
    const second = createBot();
    second.command("ping", () => "pong");
    await start(second);
    const answers = await pod.botMessages(pod.annIm, 1);
    expect(answers.map((m) => textOf(m.message))).toEqual(["pong"]);
  });
});

describe("the shutdown signal under load", () => {
  const { pod, start } = adapterOnPod();

  it("carries one listener per call in flight without Node's leak warning", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      const bot = await start(createBot());
      // More calls at once than Node's default of 10 listeners per signal.
      await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          bot.connection.messages.send(pod.annIm, { message: `<messageML>${i}</messageML>` }),
        ),
      );
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });
});
