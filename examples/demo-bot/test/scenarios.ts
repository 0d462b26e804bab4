/**
 * The demo bot's scenarios, written once for any driver: in memory (demo-bot.test.ts) and end to
 * end on the emulator (demo-bot.e2e.test.ts). People alice and bob; room "Team" (alice, bob).
 */
import type { TestChat } from "@sprig/testing";
import { expect } from "vitest";
import { Showcase } from "../src/index.ts";

export interface Scenario {
  readonly name: string;
  readonly run: (chat: TestChat) => Promise<void>;
}

/** The picture the showcase shows (a pod takes only http(s) images). */
export const PICTURE_URL = "https://example.com/sprig-leaf.svg";

const team = (chat: TestChat) => chat.room("Team", { members: ["alice", "bob"], admins: ["alice"] });

export const demoScenarios: readonly Scenario[] = [
  {
    name: "/echo says the words back",
    run: async (chat) => {
      await team(chat)
        .as("alice")
        .send("/echo hello there")
        .expectStatus("command")
        .expectText("hello there");
    },
  },
  {
    name: "in a 1:1, anything that is not a command is echoed; an unknown command is not",
    run: async (chat) => {
      const im = chat.im("bob");
      await im.as("bob").send("good morning").expectText("good morning");
      await im.send("/frobnicate").expectText("Sorry, I don't know that command. Send /help.");
    },
  },
  {
    name: "room chatter is not echoed",
    run: async (chat) => {
      await team(chat).as("bob").send("just chatting").expectNoReply();
    },
  },
  {
    name: "markup in echoed text stays text",
    run: async (chat) => {
      await chat
        .im("alice")
        .as("alice")
        .send("<b>bold</b> & <messageML>x</messageML>")
        .expectText("<b>bold</b> & <messageML>x</messageML>");
    },
  },
  {
    name: "/help is the bot's own page: a heading, the commands with their descriptions, a tip",
    run: async (chat) => {
      await team(chat)
        .as("bob")
        .send("/help")
        .expectText("Demo bot")
        // How to type it, as the built-in help writes it (core's usageOf).
        .expectText("/echo <words…>")
        .expectText("Every kind of content, and a form with every field")
        .expectText("In a room, start with / or mention me.");
    },
  },
  {
    name: "/showcase sends every content kind, then a form with every field kind",
    run: async (chat) => {
      await team(chat)
        .as("alice")
        .send("/showcase")
        .check((replies) => {
          expect(replies.map((r) => r.kind)).toEqual(["message", "work"]);
          const text = replies[0]!.text;
          for (const part of [
            "Everything a message can hold",
            "#sprig",
            "$ACME",
            "🎉",
            "first",
            "apples",
            "London",
            "bot.command",
            "not bold",
            "Order 42 — ready to ship",
            "Books",
            "Release notes (open me)",
            "Cards and expandable cards",
          ]) {
            expect(text).toContain(part);
          }
          // On Symphony (the emulator driver): a card, an expandable card and a real image.
          const shown = (replies[0] as { presentationML?: string }).presentationML;
          if (shown !== undefined) {
            expect(shown).toContain('<div class="card" data-accent-color="tempo-bg-color--green">');
            expect(shown).toContain('<div class="expandable-card" data-state="collapsed">');
            expect(shown).toContain(`<img src="${PICTURE_URL}"`);
          }
        })
        .expectWork(Showcase, { mode: "edit", buttons: ["submit"] })
        .check((replies) => {
          const kinds = new Set(replies[1]!.form!.fields.map((f) => f.kind));
          for (const kind of [
            "text",
            "number",
            "boolean",
            "choice",
            "dropdown",
            "date",
            "time",
            "date-time",
            "timezone",
            "user",
            "chat",
            "object",
            "table",
          ]) {
            expect(kinds).toContain(kind);
          }
        });
    },
  },
  {
    name: "the showcase form validates, then answers with what was submitted",
    run: async (chat) => {
      const room = team(chat);
      await room.as("alice").send("/showcase");
      // Blank but not empty: the client lets it through (the field is filled in), the schema does not.
      await room
        .submit({ name: "   " }, "submit")
        .expectStatus("invalid")
        .expectFieldError("name", "Enter a name");
      await room
        .submit({ name: "Ann", guests: "3", size: "large", office: "NYC" }, "submit")
        .expectText("Thanks, Ann: 3 guests, size large, zone Europe/London.")
        .expectWork(Showcase, { mode: "view", value: { name: "Ann", office: "NYC" } });
    },
  },
];
