import { createBot, silentLogger } from "@sprig/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type SymphonyBot, silentLogger as silentPino, symphony } from "../../src/index.ts";
import { ANN, BOB, type EmulatedPod, emulatedPod, textOf } from "./emulated-pod.ts";

describe("symphony(bot, …) on the emulator", () => {
  let pod: EmulatedPod;
  let running: SymphonyBot | undefined;

  beforeEach(async () => {
    pod = await emulatedPod();
  });
  afterEach(async () => {
    await running?.stop();
    running = undefined;
    await pod.close();
  });

  it("answers a person in a 1:1 and in a room, through the datafeed and the REST API", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("hello", ({ user }) => `Hello ${user.name}!`);
    running = symphony(bot, { config: pod.config, logger: silentPino() });
    await running.start();

    await pod.say(pod.annIm, ANN, "hello");
    const [inIm] = await pod.botMessages(pod.annIm, 1);
    expect(textOf(inIm!.message)).toBe("Hello Ann Lee!");

    await pod.say(pod.team, BOB, "/hello");
    const [inRoom] = await pod.botMessages(pod.team, 1);
    expect(textOf(inRoom!.message)).toBe("Hello Bob Stone!");
  });
});
