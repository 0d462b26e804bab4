/**
 * The reminder bot's scenarios, written once for any driver: in memory (reminder-bot.test.ts) and
 * end to end on the emulator (reminder-bot.e2e.test.ts). The bot's clock stands still at
 * Monday 2 March 2026, 10:00 UTC (`NOW`); firing is tested per driver (it happens outside any
 * action). People alice and bob; room "Team".
 */
import type { TestChat } from "@sprig/testing";
import { expect } from "vitest";
import { NewReminder, Reminder, ZoneSetting } from "../src/index.ts";

export interface Scenario {
  readonly name: string;
  readonly run: (chat: TestChat) => Promise<void>;
}

export const NOW = new Date("2026-03-02T10:00:00Z");
const team = (chat: TestChat) => chat.room("Team", { members: ["alice", "bob"], admins: ["alice"] });

export const reminderScenarios: readonly Scenario[] = [
  {
    name: "a message with a time gets a reminder form filled in from it; Remind me sets it",
    run: async (chat) => {
      await team(chat)
        .as("bob")
        .send("call Bob at 3pm tomorrow")
        .expectWork(NewReminder, {
          mode: "edit",
          buttons: ["set"],
          value: { what: "call Bob", when: "2026-03-03T15:00:00.000Z" },
        })
        .submit({}, "set")
        .expectText("I'll remind you: call Bob, Tue, 3 Mar 2026, 15:00 (UTC).")
        .expectWork(Reminder, {
          mode: "view",
          value: { what: "call Bob", status: "pending", for: { name: "bob" } },
        });
    },
  },
  {
    name: "in a 1:1, a message with a time gets the reminder form and nothing else (no unknown-command reply)",
    run: async (chat) => {
      const im = chat.im("bob");
      await im
        .as("bob")
        .send("call Bob at 3pm tomorrow")
        .expectWork(NewReminder, { mode: "edit", value: { what: "call Bob" } })
        .expectNoText("don't know")
        .check((replies) => expect(replies).toHaveLength(1));
      // A 1:1 message without a time is still answered (it is for the bot).
      await im.send("hello").expectText("Send /help");
    },
  },
  {
    name: "a message without a date or time gets nothing",
    run: async (chat) => {
      await team(chat).as("bob").send("just chatting").expectNoReply();
    },
  },
  {
    name: "/remind sets a reminder at once; /list shows those to come, soonest first",
    run: async (chat) => {
      const room = team(chat);
      await room
        .as("alice")
        .send("/remind tomorrow 9am call Bob")
        .expectText("I'll remind you: call Bob, Tue, 3 Mar 2026, 09:00 (UTC).")
        .expectWork(Reminder, { value: { when: "2026-03-03T09:00:00.000Z", status: "pending" } });
      await room.send("/remind in 2 hours check the oven");
      await room.send("/list").check((replies) => {
        const rows = replies[0]!.text
          .split("\n")
          .filter((line) => line.startsWith("| ") && !line.includes("When"));
        expect(rows).toEqual([
          "| Mon, 2 Mar 2026, 12:00 (UTC) | check the oven | alice |",
          "| Tue, 3 Mar 2026, 09:00 (UTC) | call Bob | alice |",
        ]);
      });
    },
  },
  {
    name: "/remind without a time, or without what, says how to write it",
    run: async (chat) => {
      const room = team(chat);
      await room
        .as("alice")
        .send("/remind call Bob")
        .expectError(/I see no date or time in "call Bob"/);
      await room
        .send("/remind tomorrow 9am")
        .expectError("Say what to remind you of, e.g. /remind tomorrow 9am call Bob.");
      await room.send("/list").expectText("No reminders to come here.");
    },
  },
  {
    name: "/timezone sets the zone times are read in; an unknown zone is refused; alone it opens a picker",
    run: async (chat) => {
      const room = team(chat);
      await room
        .as("alice")
        .send("/timezone Mars/Olympus")
        .expectError(/"Mars\/Olympus" is no time zone I know/);
      await room
        .send("/timezone Europe/Paris")
        .expectText("Times here are read in Europe/Paris now.")
        .expectWork(ZoneSetting, { value: { zone: "Europe/Paris" } });
      // 3pm in Paris (UTC+1 in March) is 14:00 UTC; people read it in Paris time, never as a timestamp.
      await room
        .as("bob")
        .send("call Bob at 3pm tomorrow")
        .expectWork(NewReminder, { value: { when: "2026-03-03T14:00:00.000Z" } })
        .expectText("When: Tue, 3 Mar 2026, 15:00 (Europe/Paris)")
        .expectNoText("2026-03-03T14:00")
        .submit({}, "set")
        .expectText("I'll remind you: call Bob, Tue, 3 Mar 2026, 15:00 (Europe/Paris).")
        .expectWork(Reminder, { value: { when: "2026-03-03T14:00:00.000Z" } })
        .expectText("When: Tue, 3 Mar 2026, 15:00 (Europe/Paris)")
        .expectNoText("2026-03-03T14:00");
      await room
        .as("alice")
        .send("/timezone")
        .expectWork(ZoneSetting, { mode: "edit", buttons: ["save"], value: { zone: "Europe/Paris" } });
    },
  },
  {
    name: "the offered form shows no #reminder-new tag; sent back after a failed check it is the same form: its zone, its button, the error by the field",
    run: async (chat) => {
      const room = team(chat);
      await room.as("alice").send("/timezone Europe/Paris");
      await room
        .as("bob")
        .send("call Bob at 3pm tomorrow")
        .expectNoText("#reminder-new")
        .submit({ what: "  " }, "set")
        .expectStatus("invalid")
        .expectFieldError("what", "Say what to remind you of")
        .expectWork(NewReminder, { mode: "edit", buttons: ["set"] })
        .check((replies) =>
          expect(replies.find((r) => r.kind === "work")?.buttons.map((b) => b.text)).toEqual(["Remind me"]),
        )
        .expectText("When: Tue, 3 Mar 2026, 15:00 (Europe/Paris)")
        .expectNoText("#reminder-new")
        .submit({ what: "call Bob" }, "set")
        .expectText("I'll remind you: call Bob, Tue, 3 Mar 2026, 15:00 (Europe/Paris).");
    },
  },
];
