/**
 * Sending: a 429 waits as long as its Retry-After says, transient 5xx are retried, a refusal for
 * good is not; a redelivered activity runs nothing twice, and an answer cut short by a failure is
 * completed — not repeated — when the activity comes again.
 */
import { createBot, reply, silentLogger } from "@sprig/core";
import { createTodoBot, TodoList } from "@sprig/todo-bot";
import { afterEach, describe, expect, it } from "vitest";
import { retryAfterMs } from "../../src/index.ts";
import { aliceInTeam, TeamsDriver } from "../support/teams-driver.ts";

let driver: TeamsDriver;
afterEach(() => driver?.close());

const waits: number[] = [];
const recordSleep = { sleep: async (ms: number) => void waits.push(ms), attempts: 3 };

describe("retries", () => {
  it("a 429 is retried after its Retry-After; a 503 after a backoff; the answer arrives once", async () => {
    waits.length = 0;
    driver = await TeamsDriver.start(createTodoBot({ logger: silentLogger }), { connector: recordSleep });
    driver.connector.failNext({ status: 429, headers: { "retry-after": "7" } }, { status: 503 });
    await aliceInTeam(driver).send("/new").expectWork(TodoList);
    expect(waits).toEqual([7000, 1000]);
    expect(driver.connector.captured).toHaveLength(1);
  });

  it("Retry-After as an HTTP date counts from now", () => {
    expect(retryAfterMs("Thu, 01 Jan 2026 00:00:10 GMT", Date.UTC(2026, 0, 1))).toBe(10_000);
    expect(retryAfterMs("garbage", 0)).toBeUndefined();
  });

  it("a refusal for good (403) is not retried; the person is told, with a reference", async () => {
    waits.length = 0;
    driver = await TeamsDriver.start(createTodoBot({ logger: silentLogger }), { connector: recordSleep });
    driver.connector.failNext({ status: 403 });
    const room = aliceInTeam(driver);
    const delivery = await driver.send(driver.user("alice"), driver.room("Team"), "/new");
    expect(delivery.replies.map((r) => r.errorCode)).toEqual(["sprig.undeliverable"]);
    expect(delivery.replies[0]!.text).toMatch(/give this reference to the bot's owner/);
    expect(waits).toEqual([]);
    await room.send("/new").expectWork(TodoList);
  });
});

describe("redelivery", () => {
  it("the same activity delivered twice is handled once", async () => {
    driver = await TeamsDriver.start(createTodoBot({ logger: silentLogger }));
    await aliceInTeam(driver).send("/new").expectWork(TodoList);
    const again = await driver.redeliver();
    expect(again.replies).toEqual([]);
    expect(again.status).toBe("duplicate");
  });

  it("an answer cut short by a failed send is completed on redelivery, the part that landed not repeated", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("two", () => [reply("first"), reply("second")]);
    driver = await TeamsDriver.start(bot, { connector: { sleep: async () => {}, attempts: 2 } });
    const alice = driver.user("alice");
    // The first part lands; the second fails on every attempt.
    const activity = driver.activity("message", alice, alice, { text: "two" });
    driver.connector.failAfter(1, { status: 502 });
    const failed = await driver.post(activity);
    expect(failed.httpStatus).toBe(500); // so the channel delivers it again
    expect(failed.replies.map((r) => r.text)).toEqual(["first"]);
    driver.connector.heal();
    const retried = await driver.post(activity);
    expect(retried.httpStatus).toBe(200);
    expect(retried.replies.map((r) => r.text)).toEqual(["second"]);
    expect(driver.transcript().map((r) => r.text)).toEqual(["first", "second"]);
  });
});
