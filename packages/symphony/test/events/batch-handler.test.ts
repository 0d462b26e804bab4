import type { Action } from "@sprig/core";
import { describe, expect, it } from "vitest";
import {
  createBatchHandler,
  EventMapper,
  StreamTypeCache,
  SymphonyHttpError,
  silentLogger,
  type V4Event,
} from "../../src/index.ts";
import { deferred, messageSent, waitFor } from "../fake-symphony/events.ts";

const mapper = new EventMapper({ streamTypes: new StreamTypeCache() });
const roomCreated: V4Event = {
  id: "rc",
  type: "ROOMCREATED",
  initiator: { user: { userId: 7 } },
  payload: {
    roomCreated: { stream: { streamId: "r1", streamType: "ROOM" }, roomProperties: { name: "New" } },
  },
};
const malformed: V4Event = {
  id: "bad",
  type: "MESSAGESENT",
  initiator: { user: { userId: 1 } },
  payload: {},
};

describe("batch handler (the datafeed's onEvents)", () => {
  it("starts every action in delivery order, and resolves only when all have finished", async () => {
    const started: string[] = [];
    const gates = new Map([
      ["a", deferred()],
      ["b", deferred()],
    ]);
    const handler = createBatchHandler({
      mapper,
      handleAction: async (action: Action) => {
        started.push(action.eventId);
        await gates.get(action.eventId)!.promise;
      },
    });
    let done = false;
    const batch = handler([messageSent("a", 1, "one", "s1"), messageSent("b", 2, "two", "s2")]).then(() => {
      done = true;
    });
    await waitFor(() => started.length === 2, "both actions started");
    expect(started).toEqual(["a", "b"]); // both conversations run at once
    gates.get("b")!.resolve();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(done).toBe(false); // "a" still running: the batch may not be acknowledged yet
    gates.get("a")!.resolve();
    await batch;
    expect(done).toBe(true);
  });

  it("drops a malformed event (logged), hands other events to the bot as actions too", async () => {
    const actions: string[] = [];
    const handler = createBatchHandler({
      mapper,
      handleAction: async (action) => {
        actions.push(`${action.kind}:${action.eventId}`);
      },
    });
    await handler([malformed, roomCreated, messageSent("m", 1, "hi")]);
    expect(actions).toEqual(["event:rc", "message:m"]);
  });

  it("skips (logged) an event whose mapping met a 4xx; a 5xx still sends the batch back", async () => {
    const failing = (code: "HTTP_CLIENT_ERROR" | "HTTP_SERVER_ERROR") => ({
      toAction: async (event: V4Event) => {
        if (event.id === "lost") {
          const status = code === "HTTP_CLIENT_ERROR" ? 404 : 503;
          throw new SymphonyHttpError(code, status, "Getting stream info", undefined, undefined);
        }
        return mapper.toAction(event);
      },
    });
    const actions: string[] = [];
    const warnings: string[] = [];
    const logger = {
      ...silentLogger(),
      warn: (_: unknown, message?: string) => warnings.push(message ?? ""),
    };
    const lost: V4Event = { ...messageSent("lost", 1, "?"), id: "lost" };
    const skipping = createBatchHandler({
      mapper: failing("HTTP_CLIENT_ERROR"),
      handleAction: async (action) => {
        actions.push(action.eventId);
      },
      logger: logger as never,
    });
    await skipping([lost, messageSent("m", 1, "hi")]);
    expect(actions).toEqual(["m"]);
    expect(warnings).toEqual(["datafeed event skipped: the pod refused what it needs"]);
    const retrying = createBatchHandler({
      mapper: failing("HTTP_SERVER_ERROR"),
      handleAction: async () => {},
    });
    await expect(retrying([lost])).rejects.toMatchObject({ code: "HTTP_SERVER_ERROR" });
  });

  it("rejects when an action failed, after the others finished, so the batch is delivered again", async () => {
    const finished: string[] = [];
    const handler = createBatchHandler({
      mapper,
      handleAction: async (action) => {
        if (action.eventId === "x") throw new Error("send failed");
        await new Promise((resolve) => setTimeout(resolve, 5));
        finished.push(action.eventId);
      },
    });
    await expect(handler([messageSent("x", 1, "a", "s1"), messageSent("y", 1, "b", "s2")])).rejects.toThrow(
      "send failed",
    );
    expect(finished).toEqual(["y"]);
  });

  it("an action that fails while a later event is still being mapped is no unhandled rejection", async () => {
    // E.g. the shared dedupe store is offline: the claim rejects at once, while the next event's
    // mapping waits on the pod. Node ends a process on an unhandled rejection.
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", record);
    try {
      const handler = createBatchHandler({
        mapper: {
          toAction: async (event: V4Event) => {
            if (event.id === "slow") await new Promise((resolve) => setTimeout(resolve, 20));
            return mapper.toAction(event);
          },
        },
        handleAction: async (action) => {
          if (action.eventId === "a") throw new Error("Redis is unavailable");
        },
      });
      await expect(
        handler([messageSent("a", 1, "hi", "s1"), { ...messageSent("slow", 2, "later", "s2"), id: "slow" }]),
      ).rejects.toThrow("Redis is unavailable");
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", record);
    }
  });

  it("on a later event's mapping failure, waits for the actions it started: no unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", record);
    try {
      const sendFails = deferred();
      let settled = false;
      const handler = createBatchHandler({
        mapper: {
          toAction: async (event: V4Event) => {
            if (event.id === "outage")
              throw new SymphonyHttpError(
                "HTTP_SERVER_ERROR",
                503,
                "Getting stream info",
                undefined,
                undefined,
              );
            return mapper.toAction(event);
          },
        },
        handleAction: async () => {
          await sendFails.promise;
        },
      });
      const batch = handler([
        messageSent("a", 1, "hi", "s1"),
        { ...messageSent("outage", 2, "?"), id: "outage" },
      ]);
      const outcome = batch.then(
        () => "resolved",
        (error: { code?: string }) => (settled ? error.code : "rejected before its actions settled"),
      );
      await new Promise((resolve) => setTimeout(resolve, 10));
      settled = true;
      sendFails.reject(new Error("send failed: pod down"));
      expect(await outcome).toBe("HTTP_SERVER_ERROR");
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", record);
    }
  });
});
