/**
 * The reminder bot's scenarios (scenarios.ts) on the in-memory platform, and its timers with a
 * hand-driven clock: a reminder fires when due, once; one due while the bot was stopped fires when
 * a new bot starts on the same chat history, and a third start fires nothing.
 */
import { silentLogger } from "@sprig/core";
import {
  type Conversation,
  handClock,
  InMemoryPlatform,
  type SentMessage,
  type TestChat,
  testChat,
} from "@sprig/testing";
import { describe, expect, it } from "vitest";
import { createReminderBot, findTime, Reminder } from "../src/index.ts";
import { NOW, reminderScenarios } from "./scenarios.ts";

function reminderChat(clock = handClock(NOW)) {
  let n = 0;
  const reminders = createReminderBot({
    logger: silentLogger,
    now: clock.now,
    schedule: clock.schedule,
    newReminderId: () => `r${++n}`,
  });
  const chat = testChat(reminders.bot, { botName: "sprig" });
  return { chat, reminders, clock };
}

describe("reminder bot", () => {
  for (const scenario of reminderScenarios) {
    it(scenario.name, async () => {
      const { chat, reminders } = reminderChat();
      await reminders.started(chat.platform!);
      await scenario.run(chat);
    });
  }

  it("finds times in text, in the conversation's zone, always ahead", () => {
    expect(findTime("meeting at 10:30", NOW, "UTC")?.when.toISOString()).toBe("2026-03-02T10:30:00.000Z");
    expect(findTime("meeting at 9:30", NOW, "UTC")?.when.toISOString()).toBe("2026-03-03T09:30:00.000Z");
    expect(findTime("call at 3pm tomorrow", NOW, "America/New_York")?.when.toISOString()).toBe(
      "2026-03-03T20:00:00.000Z",
    );
    expect(findTime("nothing to see", NOW, "UTC")).toBeUndefined();
  });

  it("a reminder fires when due, as its done copy in the conversation, and only once", async () => {
    const { chat, reminders, clock } = reminderChat();
    await reminders.started(chat.platform!);
    const room = chat.room("Team", { members: ["alice"] });
    await room.as("alice").send("/remind in 2 hours check the oven");
    const before = chat.transcript.length;
    clock.advance(60 * 60_000);
    expect(chat.transcript.length).toBe(before);
    clock.advance(60 * 60_000);
    await expect.poll(() => chat.transcript.length).toBe(before + 1);
    expect(chat.transcript.at(-1)).toMatchObject({
      formId: Reminder.typeName,
      value: { what: "check the oven", status: "done" },
    });
    clock.advance(24 * 60 * 60_000);
    await room.as("alice").send("/list").expectText("No reminders to come here.");
    expect(chat.transcript.filter((m) => (m.value as { status?: string })?.status === "done")).toHaveLength(
      1,
    );
  });

  const places: [string, (chat: TestChat) => Conversation][] = [
    ["a room", (chat) => chat.room("Team", { members: ["alice"] }).as("alice")],
    ["a 1:1", (chat) => chat.im("alice")],
  ];
  for (const [place, open] of places) {
    it(`a reminder set in ${place} and due while the bot was stopped fires once when a new bot starts on the history; not again after`, async () => {
      const first = reminderChat();
      await first.reminders.started(first.chat.platform!);
      const where = open(first.chat);
      await where.send("/remind in 2 hours check the oven").expectWork(Reminder);
      first.reminders.stopping(); // the bot stops before it is due

      // Three hours later a new bot process starts over the same chat (its history and conversations).
      const later = async (hours: number) => {
        const clock = handClock(new Date(NOW.getTime() + hours * 60 * 60_000));
        const again = createReminderBot({ logger: silentLogger, now: clock.now, schedule: clock.schedule });
        const platform = new InMemoryPlatform(again.bot, { botName: "sprig" });
        // The same chat: the new platform reads the first one's directory and history.
        Object.defineProperty(platform, "history", { value: first.chat.platform!.history });
        Object.defineProperty(platform, "conversations", { value: first.chat.platform!.conversations });
        const sent: SentMessage[] = [];
        platform.onSend((m) => sent.push(m));
        await again.started(platform);
        clock.advance(0);
        return { again, sent };
      };
      const second = await later(3);
      await expect.poll(() => second.sent.length).toBe(1);
      expect(second.sent[0]!.value).toMatchObject({ what: "check the oven", status: "done" });
      expect(second.sent[0]!.to).toEqual(where.where);
      second.again.stopping();
      const third = await later(4);
      expect(third.again.armed).toBe(0);
      expect(third.sent).toEqual([]);
    });
  }
});
