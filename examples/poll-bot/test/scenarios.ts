/**
 * The poll bot's scenarios, written once for any driver: in memory (poll-bot.test.ts) and end to
 * end on the emulator (poll-bot.e2e.test.ts, where a vote's poll replaces the poll message in
 * place). People alice, bob, cy, dee; room "Team" (alice its owner). Poll ids are "p1", "p2" ….
 */
import type { TestChat } from "@sprig/testing";
import { expect } from "vitest";
import { Answer, Poll, PollSetup } from "../src/index.ts";

export interface Scenario {
  readonly name: string;
  readonly run: (chat: TestChat) => Promise<void>;
  /** Needs what only the in-memory driver can do (a forged press on a message without buttons). */
  readonly memoryOnly?: true;
}

export const PEOPLE = ["alice", "bob", "cy", "dee"] as const;
const team = (chat: TestChat) => chat.room("Team", { members: [...PEOPLE], admins: ["alice"] });

export const COLOURS = {
  question: "Which colour?",
  option1: "Red",
  option2: "Green",
  option3: "Blue",
  minutes: "10",
};

/** bob starts the colours poll in "Team". */
export async function startColours(chat: TestChat): Promise<void> {
  await team(chat).as("bob").send("/poll").submit(COLOURS, "start");
}

const counts = (...votes: number[]) => ({
  options: ["Red", "Green", "Blue"].map((option, i) => ({ option, votes: votes[i] })),
});

export const pollScenarios: readonly Scenario[] = [
  {
    name: "/poll is for rooms: in a 1:1 it says so",
    run: async (chat) => {
      await chat
        .im("alice")
        .as("alice")
        .send("/poll")
        .expectError("Polls are for rooms: send /poll in a room.");
    },
  },
  {
    name: "/poll opens the set-up form; Start posts the question with a button per option and End poll now",
    run: async (chat) => {
      await team(chat)
        .as("bob")
        .send("/poll")
        .expectWork(PollSetup, { mode: "edit", buttons: ["start"] })
        .submit(COLOURS, "start")
        .expectText("Poll p1 is open for 10 minutes; end it early with /end p1.")
        .expectWork(Poll, {
          mode: "view",
          value: { question: "Which colour?", status: "open", ...counts(0, 0, 0) },
        })
        .expectButtons(["vote-1", "vote-2", "vote-3", "end"])
        // When it ends, as a person reads it — not a raw timestamp.
        .expectText(/Ends at: \w{3}, \d{1,2} \w{3} \d{4}, \d{2}:\d{2} \(UTC\)/)
        .expectNoText(/\d{4}-\d{2}-\d{2}T\d{2}:/)
        .check((replies) => {
          expect(replies.at(-1)!.buttons.map((b) => b.text)).toEqual([
            "Red",
            "Green",
            "Blue",
            "End poll now",
          ]);
        });
    },
  },
  {
    name: "a poll needs a question and two options: the form comes back with the errors",
    run: async (chat) => {
      await team(chat)
        .as("bob")
        .send("/poll")
        .submit({ question: "Lunch?", option1: "Yes", option2: "  ", minutes: "5" }, "start")
        .expectStatus("invalid")
        .expectFieldError("option2", "Give at least two options")
        // The same form again: its Start button, what was typed.
        .expectWork(PollSetup, {
          mode: "edit",
          buttons: ["start"],
          value: { question: "Lunch?", option1: "Yes" },
        });
    },
  },
  {
    name: "the set-up form shows how long a poll runs by default (5 minutes); left as it is, the poll runs 5 minutes",
    run: async (chat) => {
      await team(chat)
        .as("bob")
        .send("/poll")
        .expectWork(PollSetup, { mode: "edit", value: { minutes: 5 } })
        .expectText("Ends after (minutes): 5")
        .submit({ question: "Coffee?", option1: "Yes", option2: "No" }, "start")
        .expectText("Poll p1 is open for 5 minutes; end it early with /end p1.");
    },
  },
  {
    name: "a vote is an answer in the room and the poll's count; a second vote replaces the first and says so",
    run: async (chat) => {
      const room = team(chat);
      await startColours(chat);
      await room
        .as("cy")
        .press("vote-1")
        .expectWork(Answer, { value: { choice: "Red", voter: { name: "cy" } } })
        .expectWork(Poll, { value: counts(1, 0, 0) });
      await room
        .as("cy")
        .press("vote-3")
        .expectText('cy, your vote for "Red" is replaced by "Blue".')
        .expectWork(Poll, { value: counts(0, 0, 1) });
      await room
        .as("dee")
        .press("vote-3")
        .expectWork(Poll, { value: counts(0, 0, 2) });
    },
  },
  {
    name: "people voting at once are each counted once",
    run: async (chat) => {
      await startColours(chat);
      // Each person presses the poll as they see it now — all the same version.
      await Promise.all(
        PEOPLE.map((who, i) =>
          team(chat)
            .as(who)
            .press(`vote-${(i % 3) + 1}`),
        ),
      );
      // Every vote answered with its answer and the poll's new counts, none failed (each update
      // replaced the newest version of the poll message); the last version shows all four votes.
      const sent = chat.transcript;
      expect(sent.filter((m) => m.kind === "error")).toEqual([]);
      expect(sent.filter((m) => m.formId === Answer.typeName)).toHaveLength(PEOPLE.length);
      const polls = sent.filter((m) => m.formId === Poll.typeName);
      expect(polls).toHaveLength(1 + PEOPLE.length);
      expect(polls.at(-1)!.value).toMatchObject(counts(2, 1, 1));
      await team(chat)
        .as("bob")
        .send("/end p1")
        .expectWork(Poll, { value: { status: "closed", ...counts(2, 1, 1) } });
    },
  },
  {
    name: "only the author or a room owner may end a poll; /end posts the result table and closes it",
    run: async (chat) => {
      const room = team(chat);
      await startColours(chat);
      await room.as("cy").press("vote-2");
      await room.as("dee").press("end").expectError("Only the poll's author or a room owner can end it.");
      await room.as("dee").send("/end p1").expectError("Only the poll's author or a room owner can end it.");
      await room
        .as("alice") // a room owner, not the author
        .send("/end")
        .expectWork(Poll, { value: { status: "closed", ...counts(0, 1, 0) }, buttons: [] })
        .expectText("Result: Which colour?")
        .expectText(/\| Green \| 1 \|/)
        .expectText("1 vote in all.");
      await room.as("dee").send("/end p1").expectError("Poll p1 is closed.");
    },
  },
  {
    name: "the author ends it with End poll now",
    run: async (chat) => {
      await startColours(chat);
      await team(chat)
        .as("bob")
        .press("end")
        .expectWork(Poll, { value: { status: "closed" }, buttons: [] })
        .expectText("Result: Which colour?")
        .expectText("0 votes in all.");
    },
  },
  {
    name: "a (forged) vote on a closed poll is refused",
    memoryOnly: true,
    run: async (chat) => {
      const room = team(chat);
      await startColours(chat);
      await room.as("bob").press("end");
      await room.as("cy").forgePress("vote-1", { offeredUnknown: true }).expectError("Poll p1 is closed.");
    },
  },
];
