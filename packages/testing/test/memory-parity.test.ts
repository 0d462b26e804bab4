// The in-memory platform behaves as the Symphony adapter and the emulator do, so a scenario means
// the same on both drivers: a partial answer is completed, not repeated, on redelivery; a press can
// name an earlier form; text expectations read the same replies; the client's checks refuse alike.
import { createBot, draft, silentLogger, work } from "@sprig/core";
import { SubmissionRefused, testChat } from "@sprig/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const Poll = work("poll", z.object({ question: z.string() }));
const Note = work("note", z.object({ text: z.string().min(3).max(10) }));

function bot() {
  const b = createBot({ logger: silentLogger });
  b.command("two", async ({ reply }) => {
    await reply("one");
    return "two";
  });
  b.command("poll {q...}", ({ vars }) => Poll.create({ question: vars.q.join(" ") }));
  b.button(Poll, "close", { text: "Close" }, ({ work }) => `closed: ${work?.question}`);
  b.command("note", () => draft(Note, {}));
  b.button(Note, "save", { text: "Save", showWhen: "edit" }, ({ form }) => `saved ${form.text}`);
  b.command("refuse", () => {
    throw new Error("boom");
  });
  return b;
}

describe("the in-memory platform as the real ones", () => {
  it("a redelivered action completes its partial answer instead of repeating it", async () => {
    const chat = testChat(bot());
    const platform = chat.platform!;
    const send = platform.send.bind(platform);
    let fail = true;
    platform.send = async (response) => {
      if (response.kind === "message" && fail && platform.transcript.length === 1) {
        fail = false;
        throw new Error("the pod is unavailable");
      }
      return send(response);
    };
    const room = chat.room("Team").as("ann");
    await expect(room.send("/two")).rejects.toThrow(/could not be delivered/);
    await room.redeliver().expectText("two").expectNoText("one");
    expect(platform.transcript.map((m) => m.text)).toEqual(["one", "two"]);
  });

  it("press acts on an earlier form when told which", async () => {
    const room = testChat(bot()).room("Team").as("ann");
    await room.send("/poll lunch?").send("/poll dinner?");
    await room.press("close", {}, { on: (forms) => forms.at(-2) }).expectText("closed: lunch?");
    await room.press("close").expectText("closed: dinner?");
    const first = testChat(bot()).room("R").as("bob");
    await first.send("/poll a");
    const [a] = first.replies;
    await first.send("/poll b").press("close", {}, { on: a! }).expectText("closed: a");
    await expect(first.press("close", {}, { on: () => undefined })).rejects.toThrow(
      /not a form the bot sent here/,
    );
  });

  it("expectText and expectNoText read the same replies, error replies included", async () => {
    const room = testChat(bot()).room("Team").as("ann");
    await room.send("/refuse").expectText("something went wrong").expectError();
    await expect(room.send("/refuse").expectNoText("something went wrong")).rejects.toThrow(
      "Expected no reply matching something went wrong.",
    );
  });

  it("the client's checks (min/max length, required) refuse a submission before the bot sees it", async () => {
    const chat = testChat(bot());
    const room = chat.room("Team").as("ann");
    await room.send("/note");
    const sent = chat.transcript.length;
    await expect(room.submit({ text: "ab" })).rejects.toThrow(SubmissionRefused);
    await expect(room.submit({ text: "far too long" })).rejects.toThrow(/at most 10 characters/);
    await expect(room.submit({})).rejects.toThrow(/"text" is required/);
    expect(chat.transcript.length).toBe(sent);
    await room.submit({ text: "abc" }).expectText("saved abc");
    // A forged press is made past the client: the bot's own validation answers it.
    await room
      .send("/note")
      .forgePress("save", { values: { text: "ab" } })
      .expectStatus("invalid");
  });
});
