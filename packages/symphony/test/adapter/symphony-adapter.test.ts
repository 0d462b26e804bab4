import { createBot, silentLogger } from "@sprig/core";
import { describe, expect, it } from "vitest";
import { ANN, BOB, textOf } from "./emulated-pod.ts";
import { adapterOnPod } from "./support/adapter-on-pod.ts";

describe("symphony(bot, …) on the emulator", () => {
  const { pod, start } = adapterOnPod();

  it("answers a person in a 1:1 and in a room, through the datafeed and the REST API", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("hello", ({ user }) => `Hello ${user.name}!`);
    await start(bot);

    await pod.say(pod.annIm, ANN, "hello");
    const [inIm] = await pod.botMessages(pod.annIm, 1);
    expect(textOf(inIm!.message)).toBe("Hello Ann Lee!");

    await pod.say(pod.team, BOB, "/hello");
    const [inRoom] = await pod.botMessages(pod.team, 1);
    expect(textOf(inRoom!.message)).toBe("Hello Bob Stone!");
  });
});
