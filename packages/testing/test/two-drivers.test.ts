/**
 * One scenario, two drivers: the same `(chat: TestChat) => …` runs on the in-memory platform
 * (`testChat`) and end to end on the emulator (`emulatorChat` from `@sprig/testing/emulator`: the
 * bot's own Symphony adapter over HTTP), as a bot author runs theirs.
 */
import { createBot, draft, silentLogger, work } from "@sprig/core";
import { type TestChat, testChat } from "@sprig/testing";
import { emulatorChat } from "@sprig/testing/emulator";
import { describe, it } from "vitest";
import { z } from "zod";

const Note = work("note", z.object({ text: z.string().min(3) }));

function noteBot() {
  const bot = createBot({ logger: silentLogger });
  bot.command("note", { description: "Write a note" }, () => draft(Note, {}));
  bot.button(Note, "save", { text: "Save", showWhen: "edit" }, ({ form }) => `Saved "${form.text}".`);
  return bot;
}

async function scenario(chat: TestChat): Promise<void> {
  const team = chat.room("Team", { members: ["alice", "bob"] });
  await team
    .as("alice")
    .send("/note")
    .expectStatus("command")
    .expectWork(Note, { mode: "edit", buttons: ["save"] })
    .submit({ text: "Buy milk" })
    .expectStatus("button")
    .expectText('Saved "Buy milk".');
  await chat.im("bob").send("help").expectText("/note");
}

describe("one scenario file, two drivers", () => {
  it("in memory", async () => {
    await scenario(testChat(noteBot()));
  });

  it("end to end on the emulator", async () => {
    const e2e = await emulatorChat(noteBot(), { rooms: [{ name: "Team", members: ["alice", "bob"] }] });
    try {
      await scenario(e2e.chat);
    } finally {
      await e2e.close();
    }
  });
});
