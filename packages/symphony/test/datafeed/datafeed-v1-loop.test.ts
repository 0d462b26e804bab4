import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DatafeedV1Loop, type SymphonyConnection, type V4Event } from "../../src/index.ts";
import { startConnected } from "../fake-symphony/connected.ts";
import { deferred, messageSent, waitFor } from "../fake-symphony/events.ts";
import type { FakePod } from "../fake-symphony/fake-pod.ts";

let pod: FakePod;
let connection: SymphonyConnection;

beforeEach(async () => {
  ({ pod, connection } = await startConnected({ longPollMs: 50, datafeed: { version: "v1" } }));
});
afterEach(async () => {
  await connection.close();
  await pod.close();
});

const reads = () => pod.server.requestsTo("GET", /^\/agent\/v4\/datafeed\/.+\/read$/);

describe("datafeed v1", () => {
  it("is chosen by datafeed.version: v1, creates a feed and hands events over, skipping the bot's own", async () => {
    const seen: string[] = [];
    const feed = connection.createDatafeedLoop(async (events: V4Event[]) => {
      seen.push(...events.map((e) => e.id!));
    });
    expect(feed).toBeInstanceOf(DatafeedV1Loop);
    const running = feed.run();
    await waitFor(() => reads().length > 0, "first read");
    pod.push([messageSent("a", 5, "hi"), messageSent("self", pod.botId, "me")]);
    await waitFor(() => seen.length === 1, "event a");
    await feed.stop();
    await running;
    expect(seen).toEqual(["a"]);
    expect(pod.server.requestsTo("POST", "/agent/v4/datafeed/create")).toHaveLength(1);
  });

  it("creates a new feed when the old one is gone (400)", async () => {
    const seen: string[] = [];
    const feed = connection.createDatafeedLoop(async (events) => {
      seen.push(...events.map((e) => e.id!));
    });
    const running = feed.run();
    await waitFor(() => reads().length > 0, "first read");
    pod.dropFeed("v1-1");
    await waitFor(() => pod.feeds.has("v1-2"), "second feed");
    pod.push([messageSent("b", 5, "on the new feed")]);
    await waitFor(() => seen.length === 1, "event b");
    await feed.stop();
    await running;
    expect(pod.server.requestsTo("POST", "/agent/v4/datafeed/create")).toHaveLength(2);
  });

  it("ends with the pod's error when a feed cannot be created, instead of trying again and again", async () => {
    pod.fault("POST", "/agent/v4/datafeed/create", {
      status: 400,
      json: { code: 400, message: "bad request" },
    });
    const feed = connection.createDatafeedLoop(async () => undefined);
    const error = (await feed.run().catch((e: unknown) => e)) as { status?: number };
    expect(error.status).toBe(400);
    expect(pod.server.requestsTo("POST", "/agent/v4/datafeed/create")).toHaveLength(1);
  });

  it("stops gracefully: the handler in progress finishes, no read follows", async () => {
    const handled = deferred();
    let started = false;
    let finished = false;
    const feed = connection.createDatafeedLoop(async () => {
      started = true;
      await handled.promise;
      finished = true;
    });
    const running = feed.run();
    await waitFor(() => reads().length > 0, "first read");
    pod.push([messageSent("c", 5, "slow")]);
    await waitFor(() => started, "handler started");
    const stopping = feed.stop();
    const readCount = reads().length;
    handled.resolve();
    await stopping;
    await running;
    expect(finished).toBe(true);
    expect(reads()).toHaveLength(readCount);
  });
});
