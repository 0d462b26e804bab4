/**
 * The poll bot's scenarios (scenarios.ts) on the test kit's in-memory platform, and what only
 * memory can show quickly: twenty people voting at once, and the timer (an injected schedule).
 */
import { silentLogger } from "@sprig/core";
import { handClock, InMemoryPlatform, testChat } from "@sprig/testing";
import { describe, expect, it } from "vitest";
import { createPollBot, Poll, type PollBotOptions } from "../src/index.ts";
import { COLOURS, pollScenarios, startColours } from "./scenarios.ts";

async function pollChat(options: PollBotOptions = {}) {
  let n = 0;
  const poll = createPollBot({ logger: silentLogger, newPollId: () => `p${++n}`, ...options });
  const chat = testChat(poll.bot, { botName: "sprig" });
  await poll.started(chat.platform!);
  return { chat, poll };
}

describe("poll bot", () => {
  for (const scenario of pollScenarios) {
    it(scenario.name, async () => {
      await scenario.run((await pollChat()).chat);
    });
  }

  it("twenty people voting at once: every vote counted once, the counts exact", async () => {
    const { chat } = await pollChat();
    const people = Array.from({ length: 20 }, (_, i) => `voter${i + 1}`);
    chat.room("Team", { members: ["bob", ...people] });
    await startColours(chat);
    // voter1..voter20 pick Red, Green, Blue in turn: 7, 7, 6.
    await Promise.all(
      people.map((who, i) =>
        chat
          .room("Team")
          .as(who)
          .press(`vote-${(i % 3) + 1}`),
      ),
    );
    // Five change their minds at once, all to Blue (voter1, 4, 7 from Red; voter2, 5 from Green): 4, 5, 11.
    await Promise.all(
      ["voter1", "voter2", "voter4", "voter5", "voter7"].map((who) =>
        chat.room("Team").as(who).press("vote-3"),
      ),
    );
    await chat
      .room("Team")
      .as("bob")
      .send("/end p1")
      .expectWork(Poll, {
        value: {
          options: [
            { option: "Red", votes: 4 },
            { option: "Green", votes: 5 },
            { option: "Blue", votes: 11 },
          ],
        },
      })
      .expectText("20 votes in all.");
  });

  it("the timer closes the poll and posts the result; ending it early cancels the timer", async () => {
    const fired: (() => void)[] = [];
    const cancelled: number[] = [];
    const { chat } = await pollChat({
      // A clock that stands still: the wait is exactly the poll's 10 minutes, however slow the machine.
      now: () => new Date("2026-03-02T10:00:00Z"),
      schedule: (ms, fire) => {
        expect(ms).toBe(10 * 60_000);
        fired.push(fire);
        const i = fired.length;
        return () => cancelled.push(i);
      },
    });
    const room = chat.room("Team", { members: ["bob", "cy"] });
    await startColours(chat);
    await room.as("cy").press("vote-2");
    const before = chat.transcript.length;
    fired[0]!();
    await expect.poll(() => chat.transcript.length).toBe(before + 2);
    expect(chat.transcript.at(-1)!.text).toContain("Result: Which colour?");
    expect(chat.transcript.at(-1)!.text).toMatch(/\| Green \| 1 \|/);

    await room.as("bob").send("/poll").submit(COLOURS, "start");
    await room.as("bob").send("/end p2");
    expect(cancelled).toEqual([2]);
  });

  it("after a restart, a poll whose end passed closes once, and one still running closes on time", async () => {
    const MINUTE = 60_000;
    const start = new Date("2026-03-02T10:00:00Z");
    const first = await pollChat({ ...handClock(start) });
    const room = first.chat.room("Team", { members: ["bob", "cy"] });
    await startColours(first.chat); // p1: 10 minutes
    await room.as("cy").press("vote-2");
    await room
      .as("bob")
      .send("/poll")
      .submit({ ...COLOURS, question: "Which day?", minutes: "60" }, "start"); // p2
    first.poll.stopping(); // the bot stops; neither timer runs in it any more

    // A new process of the bot over the same chat (its history and rooms), some minutes later.
    const later = async (minutes: number) => {
      const clock = handClock(new Date(start.getTime() + minutes * MINUTE));
      const again = createPollBot({ logger: silentLogger, now: clock.now, schedule: clock.schedule });
      const platform = new InMemoryPlatform(again.bot, { botName: "sprig" });
      Object.defineProperty(platform, "history", { value: first.chat.platform!.history });
      Object.defineProperty(platform, "conversations", { value: first.chat.platform!.conversations });
      const sent: string[] = [];
      platform.onSend((m) => sent.push(m.text));
      await again.started(platform);
      clock.advance(0);
      return { again, clock, sent };
    };
    const second = await later(20);
    await expect.poll(() => second.sent.length).toBe(2);
    expect(second.sent[1]).toContain("Result: Which colour?");
    expect(second.sent[1]).toMatch(/\| Green \| 1 \|/);
    expect(second.again.armed).toBe(1); // p2 still runs
    second.clock.advance(39 * MINUTE);
    expect(second.sent).toHaveLength(2);
    second.clock.advance(1 * MINUTE);
    await expect.poll(() => second.sent.length).toBe(4);
    expect(second.sent[3]).toContain("Result: Which day?");
    second.again.stopping();

    const third = await later(120);
    expect(third.again.armed).toBe(0);
    expect(third.sent).toEqual([]);
  });
});
