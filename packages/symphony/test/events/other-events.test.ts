// Events that are no message, press or membership change (a room created, a connection requested,
// a post shared…) reach the bot as core EventActions through the same batch handler as every
// action: typed, deduped by event id, and a consumer that keeps failing is given up on after a
// bounded number of attempts — the batch still resolves (is acknowledged), so it does not come back.
import { createBot, type EventAction } from "@sprig/core";
import { InMemoryPlatform } from "@sprig/testing";
import { describe, expect, it } from "vitest";
import { createBatchHandler, EventMapper, StreamTypeCache, type V4Event } from "../../src/index.ts";
import { messageSent } from "../fake-symphony/events.ts";

const connectionRequested: V4Event = {
  id: "cr-1",
  type: "CONNECTIONREQUESTED",
  timestamp: 1_700_000_000_000,
  initiator: { user: { userId: 1001, displayName: "alice" } },
  payload: { connectionRequested: { toUser: { userId: 9001 } } },
};

function setup(consumer: (action: EventAction) => void, options: { eventAttempts?: number } = {}) {
  const logged: Array<{ level: string; message: string }> = [];
  const log = (level: string) => (_: unknown, message?: string) =>
    logged.push({ level, message: message ?? "" });
  const logger = {
    debug: () => {},
    info: () => {},
    warn: log("warn"),
    error: log("error"),
    child: () => logger,
  };
  const bot = createBot({ logger: logger as never, ...options });
  const platform = new InMemoryPlatform(bot, { platform: "symphony" });
  bot.on("event", ({ action }) => consumer(action as EventAction));
  const batch = createBatchHandler({
    mapper: new EventMapper({ streamTypes: new StreamTypeCache() }),
    handleAction: (action) => bot.handle(action),
  });
  return { batch, platform, logged };
}

describe("other platform events", () => {
  it("reach bot.on('event') typed: what happened, who, the platform's payload", async () => {
    const seen: EventAction[] = [];
    const { batch } = setup((action) => {
      seen.push(action);
    });
    await batch([connectionRequested]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      kind: "event",
      event: "connection-requested",
      platformType: "CONNECTIONREQUESTED",
      user: { platform: "symphony", id: "1001", name: "alice" },
      addressable: { kind: "user", id: "1001" },
      payload: { toUser: { userId: 9001 } },
    });
  });

  it("are deduped: the same event delivered again runs nothing", async () => {
    let runs = 0;
    const { batch } = setup(() => {
      runs++;
    });
    await batch([connectionRequested]);
    await batch([connectionRequested, connectionRequested]);
    expect(runs).toBe(1);
  });

  it("a consumer that keeps failing is tried a bounded number of times, logged, and the batch still resolves", async () => {
    let runs = 0;
    const { batch, platform, logged } = setup(
      () => {
        runs++;
        throw new Error("the CRM is down");
      },
      { eventAttempts: 2 },
    );
    await expect(batch([connectionRequested, messageSent("m1", 1001, "hello")])).resolves.toBeUndefined();
    expect(runs).toBe(2);
    expect(logged.map((l) => l.level)).toEqual(["warn", "error"]);
    expect(logged[1]!.message).toMatch(/failed 2 times; given up/);
    // Nobody asked, so nothing is said in chat; and a redelivery of the batch does not run it again.
    expect(platform.transcript.filter((m) => m.kind === "error")).toEqual([]);
    await batch([connectionRequested]);
    expect(runs).toBe(2);
  });
});
