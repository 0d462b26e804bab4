/**
 * Bad input at the door: malformed bodies get a 4xx from sprig's checks in front of the SDK (the
 * SDK alone would answer 500 with a stack trace, or 200); forged submits get a message to the
 * person and change nothing; the bot keeps working afterwards.
 */
import { ErrorCode, silentLogger } from "@sprig/core";
import { TestChat } from "@sprig/testing";
import { createTodoBot, TodoList } from "@sprig/todo-bot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PRESS_KEY } from "../../src/index.ts";
import { postJson } from "../support/post-json.ts";
import { aliceInTeam, shownCardId, TeamsDriver } from "../support/teams-driver.ts";

let driver: TeamsDriver;
beforeEach(async () => {
  driver = await TeamsDriver.start(createTodoBot({ logger: silentLogger, newId: () => "ref-1" }), {
    maxBodyBytes: 8 * 1024,
  });
});
afterEach(() => driver.close());

async function stillAnswers(): Promise<void> {
  await aliceInTeam(driver).send("/new").expectWork(TodoList);
}

describe("malformed requests", () => {
  type Body = (valid: Record<string, unknown>) => string;

  it.each([
    ["bad JSON", () => "{not json", 400, "bad_json"],
    ["an array", (v) => JSON.stringify([v]), 400, "bad_activity"],
    ["no serviceUrl", (v) => JSON.stringify({ ...v, serviceUrl: undefined }), 400, "bad_activity"],
    [
      "a serviceUrl that is no http URL",
      (v) => JSON.stringify({ ...v, serviceUrl: "javascript:alert(1)" }),
      400,
      "bad_activity",
    ],
    ["no conversation", (v) => JSON.stringify({ ...v, conversation: undefined }), 400, "bad_activity"],
    ["no type", (v) => JSON.stringify({ ...v, type: undefined }), 400, "bad_activity"],
    ["text that is not a string", (v) => JSON.stringify({ ...v, text: { html: 1 } }), 400, "bad_activity"],
    ["entities that are no list", (v) => JSON.stringify({ ...v, entities: "x" }), 400, "bad_activity"],
    ["an oversize body", (v) => JSON.stringify({ ...v, text: "x".repeat(20_000) }), 413, "too_large"],
  ] as [string, Body, number, string][])(
    "%s is refused with a 4xx; nothing is sent",
    async (_what, body, status, error) => {
      const valid = driver.activity("message", driver.user("alice"), driver.room("Team"), { text: "/new" });
      const answer = await postJson(driver.url, body(valid));
      expect(answer.status).toBe(status);
      expect(JSON.parse(answer.text)).toMatchObject({ error });
      expect(answer.text).not.toMatch(/at .*\.(js|ts):\d+/); // no stack trace
      expect(driver.connector.captured).toEqual([]);
      await stillAnswers();
    },
  );

  it("another content type → 415; another path → 404", async () => {
    expect((await postJson(driver.url, "{}", { "content-type": "text/plain" })).status).toBe(415);
    expect((await postJson(driver.url.replace("/api/messages", "/api/other"), "{}")).status).toBe(404);
    await stillAnswers();
  });
});

describe("forged submits", () => {
  it("a submit naming a card the bot never sent is refused with a message; nothing changes", async () => {
    const chat = new TestChat(driver);
    const room = chat.room("Team", { members: ["alice"] });
    await room.as("alice").send("/new");
    const before = driver.connector.captured.length;
    const forged = driver.activity("message", driver.user("alice"), driver.room("Team"), {
      value: { [PRESS_KEY]: { card: "no-such-card", button: "add-item" } },
    });
    const delivery = await driver.post(forged);
    expect(delivery.httpStatus).toBe(200);
    expect(delivery.replies.map((r) => r.text)).toEqual([
      expect.stringContaining("This form is no longer available"),
    ]);
    expect(driver.connector.captured.slice(before).every((c) => !c.activity.attachments)).toBe(true);
  });

  it("a card of another conversation cannot be pressed here", async () => {
    await aliceInTeam(driver).send("/new").expectWork(TodoList);
    const cardId = shownCardId(driver.transcript().at(-1)!);
    expect(cardId).toBeDefined();
    const delivery = await driver.post(
      driver.activity("message", driver.user("alice"), driver.room("Other"), {
        value: { [PRESS_KEY]: { card: cardId, button: "add-item" } },
      }),
    );
    expect(delivery.replies.map((r) => r.text)).toEqual([
      expect.stringContaining("did not send that card in this conversation"),
    ]);
  });

  it("a button the card did not offer is refused as on Symphony", async () => {
    const chat = new TestChat(driver);
    const room = chat.room("Team", { members: ["alice"] });
    await room.as("alice").send("/new").expectWork(TodoList, { mode: "view" });
    const viewCard = driver.transcript().at(-1)!;
    // "save" is an edit-mode button: a client showing the view card cannot press it.
    const delivery = await driver.press(driver.user("alice"), viewCard, "save", {});
    expect(delivery.replies.map((r) => r.errorCode)).toEqual([ErrorCode.ButtonNotOffered]);
    await room.send("/show").expectWork(TodoList, { value: { items: [] } });
  });
});
