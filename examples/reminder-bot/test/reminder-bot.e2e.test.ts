/**
 * The reminder bot end to end on the emulator (HTTP): its scenarios, and a real restart — the bot
 * process stops before a reminder is due, a new one starts on the same pod after the due time and
 * fires it once (read back from the history of the room or 1:1 it was set in), and a third start
 * fires nothing.
 */
import { silentLogger } from "@sprig/core";
import { silentLogger as quietAdapter, symphony } from "@sprig/symphony";
import type { Conversation, TestChat } from "@sprig/testing";
import { BOT_ID, type EmulatedPod, emulatorChat } from "@sprig/testing/emulator";
import { describe, expect, it } from "vitest";
import { createReminderBot, Reminder } from "../src/index.ts";
import { NOW, reminderScenarios } from "./scenarios.ts";

const HOUR = 60 * 60_000;
/** Nothing fires during the scenarios: the clock stands still. */
const never = () => () => undefined;

/** The room every scenario starts with (alice owns it); the bot is in it. */
const TEAM = { name: "Team", members: ["alice", "bob"], owners: ["alice"] } as const;

describe("reminder bot end to end on the emulator (HTTP)", () => {
  for (const scenario of reminderScenarios) {
    it(scenario.name, async () => {
      const reminders = createReminderBot({ logger: silentLogger, now: () => NOW, schedule: never });
      const e2e = await emulatorChat(reminders.bot, { rooms: [TEAM] });
      await reminders.started(e2e.running.platform);
      try {
        await scenario.run(e2e.chat);
      } finally {
        reminders.stopping();
        await e2e.close();
      }
    });
  }

  const places: [string, (chat: TestChat) => Conversation, (pod: EmulatedPod) => Promise<string>][] = [
    ["a room", (chat) => chat.room("Team").as("alice"), async (pod) => pod.roomId("Team")],
    [
      "a 1:1",
      (chat) => chat.im("alice"),
      // The bot's IM with alice (asked again, the pod answers the one that exists).
      (pod) => pod.dev.createIm([pod.personId("alice"), BOT_ID]),
    ],
  ];
  for (const [place, open, streamOf] of places) {
    it(`a reminder set in ${place} and due while the bot was stopped fires once when it starts again, not twice`, async () => {
      const first = createReminderBot({ logger: silentLogger, now: () => NOW, schedule: never });
      const e2e = await emulatorChat(first.bot, { rooms: [TEAM] });
      try {
        await first.started(e2e.running.platform);
        await open(e2e.chat).send("/remind in 2 hours check the oven").expectWork(Reminder);
        first.stopping();
        await e2e.running.stop();

        const stream = await streamOf(e2e.pod);
        const done = async () =>
          (await e2e.pod.dev.messages(stream)).filter(
            (m) => m.data?.includes('"status":"done"') && m.data.includes("check the oven"),
          );

        // Three hours later (the bot's clock), a new process of the bot: real timers.
        const restart = async (hours: number) => {
          const reminders = createReminderBot({
            logger: silentLogger,
            now: () => new Date(NOW.getTime() + hours * HOUR),
          });
          const running = symphony(reminders.bot, { config: e2e.pod.configPath, logger: quietAdapter() });
          await running.start();
          await reminders.started(running.platform);
          return { reminders, running };
        };
        const second = await restart(3);
        await expect.poll(done, { timeout: 10_000 }).toHaveLength(1);
        second.reminders.stopping();
        await second.running.stop();

        const third = await restart(4);
        expect(third.reminders.armed).toBe(0);
        third.reminders.stopping();
        await third.running.stop();
        expect(await done()).toHaveLength(1);
      } finally {
        await e2e.close();
      }
    });
  }
});
