import { hasShared, readSharedJson } from "@sprig/shared-data";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type DatafeedLoop,
  type DatafeedV2Loop,
  SymphonyConnection,
  type SymphonyHttpError,
  silentLogger,
  type V4Event,
} from "../../src/index.ts";
import { deferred, messageSent, waitFor } from "../fake-symphony/events.ts";
import { botKeyPair, FakePod } from "../fake-symphony/fake-pod.ts";
import { recordingClock, testConfig } from "../fake-symphony/test-config.ts";

const keys = botKeyPair();
let pod: FakePod;
let connection: SymphonyConnection;
let clock: ReturnType<typeof recordingClock>;
const received: string[] = [];

beforeEach(async () => {
  received.length = 0;
  pod = await FakePod.start({ publicKey: keys.publicKey, longPollMs: 50 });
  clock = recordingClock();
  connection = new SymphonyConnection(testConfig(pod.port, keys.pkcs8), { logger: silentLogger(), clock });
  await connection.start();
});
afterEach(async () => {
  await connection.close();
  await pod.close();
});

function loop(
  onEvents: (events: V4Event[]) => Promise<void> = async (events) => collect(events),
): DatafeedLoop {
  return connection.createDatafeedLoop(onEvents, { finalAckTimeoutMs: 100 });
}
function collect(events: V4Event[]) {
  received.push(...events.map((e) => e.id ?? "?"));
}
const reads = () => pod.server.requestsTo("POST", /\/read$/);
const ackIdsSent = () => reads().map((r) => (r.json as { ackId: string }).ackId);

describe("datafeed v2: feed lifecycle", () => {
  it("creates a feed when none exists, reads with ackId '' first, then with each batch's ackId", async () => {
    const feed = loop();
    const running = feed.run();
    await waitFor(() => reads().length > 0, "first read");
    expect(pod.server.requestsTo("POST", "/agent/v5/datafeeds")).toHaveLength(1);
    pod.push([messageSent("e1", 1, "hello")]);
    await waitFor(() => received.length === 1, "e1");
    pod.push([messageSent("e2", 1, "again")]);
    await waitFor(() => pod.acknowledgedEventIds.includes("e2"), "e2 acknowledged");
    await feed.stop();
    await running;
    expect(received).toEqual(["e1", "e2"]);
    expect(ackIdsSent()[0]).toBe("");
    expect(ackIdsSent()).toContain("ack-1");
    expect(ackIdsSent()).toContain("ack-2");
    expect(pod.acknowledgedEventIds).toEqual(["e1", "e2"]);
  });

  it("reuses the account's fanout feed instead of creating one", async () => {
    const existing = pod.openFeed("0123456789abcdef0123456789abcdef_f");
    const feed = loop() as DatafeedV2Loop;
    const running = feed.run();
    await waitFor(() => reads().length > 0, "first read");
    expect(feed.currentFeedId).toBe(existing.id);
    expect(pod.server.requestsTo("POST", "/agent/v5/datafeeds")).toHaveLength(0);
    await feed.stop();
    await running;
  });

  it("lists and creates feeds with the configured tag", async () => {
    const base = testConfig(pod.port, keys.pkcs8);
    const tagged = new SymphonyConnection(
      { ...base, datafeed: { ...base.datafeed, tag: "todo-bot" } },
      { logger: silentLogger(), clock },
    );
    await tagged.start();
    const feed = tagged.createDatafeedLoop(async () => undefined, { finalAckTimeoutMs: 100 });
    const running = feed.run();
    await waitFor(() => reads().length > 0, "first read");
    await feed.stop();
    await running;
    await tagged.close();
    expect(pod.server.requestsTo("GET", "/agent/v5/datafeeds").at(-1)!.query.get("tag")).toBe("todo-bot");
    expect(pod.server.requestsTo("POST", "/agent/v5/datafeeds").at(-1)!.json).toEqual({ tag: "todo-bot" });
  });

  it("replaces a feed that is gone (400): deletes it, creates a new one, starts again with ackId ''", async () => {
    const feed = loop() as DatafeedV2Loop;
    const running = feed.run();
    await waitFor(() => feed.currentFeedId !== undefined && reads().length > 0, "first read");
    const first = feed.currentFeedId!;
    pod.push([messageSent("e1", 1, "one")]);
    await waitFor(() => received.length === 1, "e1");
    pod.dropFeed(first);
    await waitFor(() => feed.currentFeedId !== first && pod.feeds.size === 1, "new feed");
    pod.push([messageSent("e2", 1, "two")]);
    await waitFor(() => received.length === 2, "e2 on the new feed");
    await feed.stop();
    await running;
    expect(pod.server.requestsTo("POST", "/agent/v5/datafeeds")).toHaveLength(2);
    expect(pod.server.requestsTo("DELETE", /datafeeds\//)).toHaveLength(1);
    const onNewFeed = reads().filter((r) => r.path.includes(feed.currentFeedId!));
    expect((onNewFeed[0]!.json as { ackId: string }).ackId).toBe("");
    expect(received).toEqual(["e1", "e2"]);
  });

  it("logs in again when the session expires (401) and keeps reading", async () => {
    const feed = loop();
    const running = feed.run();
    await waitFor(() => reads().length > 0, "first read");
    pod.expireSessions();
    await waitFor(() => connection.session.loginCount === 2, "re-login");
    pod.push([messageSent("e1", 1, "after expiry")]);
    await waitFor(() => received.length === 1, "e1");
    await feed.stop();
    await running;
  });

  it("outlives a pod that is down for longer than a login's retries, then logs in and carries on", async () => {
    const feed = loop();
    const running = feed.run();
    await waitFor(() => reads().length > 0, "first read");
    const down = { status: 503, json: { code: 503, message: "pod restarting" } };
    pod.fault("POST", "/login/pubkey/authenticate", down, down, down, down, down);
    pod.expireSessions();
    await waitFor(() => connection.session.loginCount === 2, "login once the pod is back");
    pod.push([messageSent("e1", 1, "after the outage")]);
    await waitFor(() => received.length === 1, "e1");
    await feed.stop();
    await running;
    expect(pod.server.requestsTo("POST", "/login/pubkey/authenticate").length).toBe(1 + 6);
  });

  it("stops when the credentials are refused on re-login (AUTH_REJECTED)", async () => {
    const feed = loop();
    const running = feed.run().catch((e: unknown) => e);
    await waitFor(() => reads().length > 0, "first read");
    pod.fault("POST", "/login/pubkey/authenticate", {
      status: 401,
      json: { code: 401, message: "key revoked" },
    });
    pod.expireSessions();
    const error = (await running) as { code?: string; message?: string };
    expect(error.code).toBe("AUTH_REJECTED");
    expect(error.message).toContain("key revoked");
  });

  it("backs off on 5xx and 429 while reading, and carries on", async () => {
    const feed = loop();
    const running = feed.run();
    await waitFor(() => reads().length > 0, "first read");
    pod.fault("POST", /\/read$/, { status: 500 }, { status: 503 }, { status: 429 });
    pod.push([messageSent("e1", 1, "x")]); // answers the read already waiting
    await waitFor(() => received.length === 1, "e1");
    pod.push([messageSent("e2", 1, "y")]); // reached only through the three faults
    await waitFor(() => received.length === 2, "e2 after faults");
    await feed.stop();
    await running;
    expect(clock.sleeps).toEqual([1, 2, 4]);
    expect(pod.acknowledgedEventIds).toContain("e1");
  });

  it("stops with the pod's error on a failure it cannot fix (403: too many feeds)", async () => {
    pod.fault("POST", "/agent/v5/datafeeds", {
      status: 403,
      json: { code: 403, message: "Max number of feeds" },
    });
    const error = (await loop()
      .run()
      .catch((e: unknown) => e)) as SymphonyHttpError;
    expect(error.code).toBe("HTTP_CLIENT_ERROR");
    expect(error.status).toBe(403);
    expect(error.message).toContain("Max number of feeds");
  });
});

describe("datafeed v2: acknowledgement after handling", () => {
  it("sends the batch's ackId only after its handler has finished", async () => {
    const handled = deferred();
    let calls = 0;
    const feed = loop(async (events) => {
      calls++;
      collect(events);
      await handled.promise;
    });
    const running = feed.run();
    await waitFor(() => reads().length > 0, "first read");
    pod.push([messageSent("e1", 1, "slow")]);
    await waitFor(() => calls === 1, "handler started");
    const readsWhileHandling = reads().length;
    await new Promise((resolve) => setTimeout(resolve, 120)); // more than one long-poll period
    expect(reads().length).toBe(readsWhileHandling);
    expect(pod.acknowledgedEventIds).toEqual([]);
    handled.resolve();
    await waitFor(() => pod.acknowledgedEventIds.includes("e1"), "e1 acknowledged");
    await feed.stop();
    await running;
  });

  it("does not acknowledge a batch whose handler failed: it comes back, and is acknowledged once handled", async () => {
    let attempts = 0;
    const feed = loop(async (events) => {
      attempts++;
      if (attempts === 1) throw new Error("handler crashed");
      collect(events);
    });
    const running = feed.run();
    await waitFor(() => reads().length > 0, "first read");
    pod.push([messageSent("e1", 1, "retry me")]);
    await waitFor(() => pod.acknowledgedEventIds.includes("e1"), "e1 acknowledged");
    await feed.stop();
    await running;
    expect(attempts).toBe(2);
    expect(received).toEqual(["e1"]);
    expect(pod.acknowledgedEventIds).toEqual(["e1"]);
  });

  it("skips the bot's own messages but still acknowledges them", async () => {
    const feed = loop();
    const running = feed.run();
    await waitFor(() => reads().length > 0, "first read");
    pod.push([messageSent("mine", pod.botId, "I said this"), messageSent("theirs", 42, "hi bot")]);
    await waitFor(() => pod.acknowledgedEventIds.length === 2, "batch acknowledged");
    await feed.stop();
    await running;
    expect(received).toEqual(["theirs"]);
  });
});

describe("datafeed v2: graceful stop", () => {
  it("does nothing when stopped before it ran", async () => {
    const feed = loop();
    await feed.stop();
    await feed.run();
    expect(pod.server.requestsTo("GET", "/agent/v5/datafeeds")).toHaveLength(0);
  });

  it("cuts a long-poll read short and resolves", async () => {
    pod = await restartWithLongPoll(60_000);
    const feed = loop();
    const running = feed.run();
    await waitFor(() => reads().length > 0, "read in progress");
    const pending = reads().at(-1)!;
    await feed.stop();
    await running;
    await pending.closed; // the client hung up: the read was aborted, not waited out
    expect(reads()).toHaveLength(1);
  });

  it("lets the batch in hand finish, acknowledges it, then reads no more", async () => {
    pod = await restartWithLongPoll(60_000);
    const handled = deferred();
    let finished = false;
    const feed = loop(async (events) => {
      collect(events);
      await handled.promise;
      finished = true;
    });
    const running = feed.run();
    await waitFor(() => reads().length > 0, "first read");
    pod.push([messageSent("e1", 1, "in flight")]);
    await waitFor(() => received.length === 1, "handler started");
    let stopped = false;
    const stopping = feed.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(stopped).toBe(false);
    handled.resolve();
    await stopping;
    await running;
    expect(finished).toBe(true);
    expect(pod.acknowledgedEventIds).toEqual(["e1"]);
    expect(ackIdsSent().at(-1)).toBe("ack-1");
    const readCount = reads().length;
    pod.push([messageSent("e2", 1, "after stop")]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(reads()).toHaveLength(readCount);
    expect(received).toEqual(["e1"]);
  });
});

describe.skipIf(!hasShared())("datafeed v2: upstream payloads", () => {
  it("hands the BDK's read_datafeed.json events to the handler as they are", async () => {
    const events = readSharedJson<V4Event[]>("fixtures", "bdk", "res_response", "read_datafeed.json");
    const seen: V4Event[] = [];
    const feed = loop(async (batch) => {
      seen.push(...batch);
    });
    const running = feed.run();
    await waitFor(() => reads().length > 0, "first read");
    pod.push(events);
    await waitFor(() => seen.length === events.length, "fixture events");
    await feed.stop();
    await running;
    expect(seen).toEqual(events);
  });
});

async function restartWithLongPoll(longPollMs: number): Promise<FakePod> {
  await connection.close();
  await pod.close();
  const fresh = await FakePod.start({ publicKey: keys.publicKey, longPollMs });
  connection = new SymphonyConnection(testConfig(fresh.port, keys.pkcs8), { logger: silentLogger(), clock });
  await connection.start();
  return fresh;
}
