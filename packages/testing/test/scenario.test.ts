import { createBot, silentLogger, work } from "@sprig/core";
import { parseText, ScenarioError, testChat } from "@sprig/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const Poll = work("poll", z.object({ question: z.string() }));

function bot() {
  const b = createBot({ logger: silentLogger });
  b.command("poll {q...}", ({ vars }) => Poll.create({ question: vars.q.join(" ") }));
  b.button(Poll, "close", { text: "Close" }, () => "closed");
  return b;
}

describe("scenario assertions fail with what the bot did send", () => {
  it("expectText", async () => {
    const room = testChat(bot()).room("R").as("ann");
    const failure = await room
      .send("/poll lunch?")
      .expectText("dinner")
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(failure).toBeInstanceOf(ScenarioError);
    expect(String((failure as Error).message)).toContain("Expected a reply matching dinner.");
    expect(String((failure as Error).message)).toContain("Question: lunch?");
    expect(String((failure as Error).message)).toContain("[Close](close)");
  });

  it("press of a button the form does not show", async () => {
    const room = testChat(bot()).room("R").as("ann");
    await expect(room.send("/poll x").press("reopen")).rejects.toThrow(
      'Expected a "reopen" button on the latest form (poll), but it has: close.',
    );
  });

  it("acting before saying who acts", async () => {
    await expect(testChat(bot()).room("R").send("/poll x")).rejects.toThrow(/\.as\(user\)/);
  });

  it("expectWork, expectNoReply and expectStatus say what was expected", async () => {
    const room = testChat(bot()).room("R").as("ann");
    await expect(room.send("/poll x").expectWork(Poll, { value: { question: "y" } })).rejects.toThrow(
      'Expected a "poll" form with {"question":"y"}.',
    );
    await expect(room.send("/poll x").expectNoReply()).rejects.toThrow("Expected no reply.");
    await expect(room.send("hello").expectStatus("command")).rejects.toThrow(
      'Expected the action to be "command", but it was "ignored".',
    );
  });
});

describe("typed text", () => {
  it("turns @Name of a known user into a mention, #tag and $TICKER into tags, the rest into words", () => {
    const chat = testChat(bot());
    const bob = chat.user("Bob");
    const m = parseText("hi @bob see #release-1 and $AAPL @nobody <b>", (name) =>
      chat.platform!.directory.userNamed(name),
    );
    expect(m.children[0]).toEqual({
      kind: "paragraph",
      children: [
        { kind: "word", text: "hi" },
        { kind: "mention", user: bob },
        { kind: "word", text: "see" },
        { kind: "hashtag", tag: "release-1" },
        { kind: "word", text: "and" },
        { kind: "cashtag", tag: "AAPL" },
        { kind: "word", text: "@nobody" },
        { kind: "word", text: "<b>" },
      ],
    });
  });
});

describe("the in-memory platform", () => {
  it("keeps history per conversation and decodes the form's work object on a press", async () => {
    const chat = testChat(bot());
    await chat.room("A").as("ann").send("/poll one").press("close").expectText("closed");
    const platform = chat.platform!;
    const page = await platform.history.find({ where: chat.chatRoom("A"), typeName: "poll", limit: 10 });
    expect(page.items.map((r) => r.data)).toEqual([{ type: "poll", version: "1.0", question: "one" }]);
    const other = await platform.history.find({ where: chat.chatRoom("B"), typeName: "poll", limit: 10 });
    expect(other.items).toEqual([]);
  });

  it("refuses a press in someone else's 1:1", async () => {
    const chat = testChat(bot());
    await chat.im("ann").send("poll x");
    const driver = chat.driver;
    const last = chat.transcript.at(-1)!;
    await expect(driver.press(chat.user("eve"), last, "close", {})).rejects.toThrow(
      /cannot press a button in ann's 1:1/,
    );
  });
});
