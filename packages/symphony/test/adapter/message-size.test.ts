/**
 * Answers past the agent's message limits: a long text is split into several messages (it crashed
 * the renderer at ~33 000 words), and what cannot be split — a work object whose data is past
 * 1.5 MB — is refused before any create, with a clear coded reason; the person gets the apology.
 */
import { createBot, silentLogger, work } from "@sprig/core";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { MAX_MESSAGE_TEXT, SymphonyRenderer, splitForLimits } from "../../src/index.ts";
import { ANN, BOT, textOf } from "./emulated-pod.ts";
import { adapterOnPod } from "./support/adapter-on-pod.ts";

const WORDS = Array.from({ length: 40_000 }, (_, i) => `w${i}`);
const Blob = work("test.blob", z.object({ body: z.string() }));

describe("message size limits", () => {
  const { pod, start } = adapterOnPod();

  it("a 40 000-word answer arrives whole, split into messages under the agent's limit", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("long", () => WORDS.join(" "));
    await start(bot);
    await pod.say(pod.annIm, ANN, "/long");
    let texts: string[] = [];
    for (let i = 0; i < 400; i++) {
      texts = (await pod.messages(pod.annIm))
        .filter((m) => m.user.userId === BOT)
        .map((m) => textOf(m.message));
      if (texts.join(" ").split(" ").length >= WORDS.length) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(MAX_MESSAGE_TEXT);
    expect(texts.join(" ").split(" ")).toEqual(WORDS);
  });

  it("a work object past 1.5 MB is refused before sending; the person is told something went wrong", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("huge", () => Blob.create({ body: "x".repeat(1_600_000) }));
    const adapter = await start(bot);
    const create = vi.spyOn(adapter.connection.messages, "send");
    await pod.say(pod.annIm, ANN, "/huge");
    const [answer] = await pod.botMessages(pod.annIm, 1);
    expect(textOf(answer!.message)).toMatch(/^Sorry, something went wrong/);
    expect(create).toHaveBeenCalledTimes(1); // the apology only
  });

  it("splits the same way on every run, buttons on the last part only", () => {
    const renderer = new SymphonyRenderer({ works: createBot().works });
    const response = {
      kind: "message" as const,
      to: { platform: "symphony", kind: "chat" as const, id: "s" },
      content: {
        kind: "message" as const,
        children: [
          { kind: "paragraph" as const, children: WORDS.map((text) => ({ kind: "word" as const, text })) },
        ],
      },
      buttons: [{ id: "b", text: "Go" }],
      formId: "f",
    };
    const parts = splitForLimits(response as never);
    expect(splitForLimits(response as never)).toEqual(parts);
    expect(parts.map((p) => p.buttons.length)).toEqual([...parts.slice(1).map(() => 0), 1]);
    for (const part of parts) expect(() => renderer.render(part)).not.toThrow();
  });
});
