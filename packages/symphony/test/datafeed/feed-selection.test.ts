/**
 * Which existing datafeed a starting bot reads instead of creating one: the BDK rules (untagged: a
 * fanout-shaped id; tagged: `id == tag && type == fanout`), and the v2 loop applying them, so that a
 * tagged bot restarting (or a second instance) reads the feed already there.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pickReusableFeed } from "../../src/datafeed/feed-selection.ts";
import type { DatafeedV2Loop, SymphonyConnection } from "../../src/index.ts";
import { startConnected } from "../fake-symphony/connected.ts";
import { waitFor } from "../fake-symphony/events.ts";
import type { FakePod } from "../fake-symphony/fake-pod.ts";

describe("pickReusableFeed", () => {
  it("with a tag, reuses the fanout feed whose id is the tag", () => {
    expect(pickReusableFeed([{ id: "todo-bot", type: "fanout" }], "todo-bot")).toEqual({
      id: "todo-bot",
      type: "fanout",
    });
  });

  it("with a tag, takes neither another tag's feed, nor an untagged one, nor a feed of another type", () => {
    const feeds = [
      { id: "other-bot", type: "fanout" },
      { id: "0123456789abcdef0123456789abcdef_f", type: "fanout" },
      { id: "todo-bot", type: "datahose" },
    ];
    expect(pickReusableFeed(feeds, "todo-bot")).toBeUndefined();
  });

  it("without a tag, reuses the first fanout-shaped id and never a tagged feed", () => {
    expect(pickReusableFeed([{ id: "todo-bot", type: "fanout" }])).toBeUndefined();
    const untagged = { id: "0123456789abcdef0123456789abcdef_f", type: "fanout" };
    expect(pickReusableFeed([{ id: "todo-bot", type: "fanout" }, untagged])).toBe(untagged);
    expect(pickReusableFeed([{ id: "abc_f_1" }])).toEqual({ id: "abc_f_1" });
  });

  it("without a tag, of two feeds made at once takes the oldest (then the smallest id): instances agree", () => {
    const older = { id: "bbb_f", type: "fanout", createdAt: 1000 };
    const newer = { id: "aaa_f", type: "fanout", createdAt: 2000 };
    expect(pickReusableFeed([newer, older])).toBe(older);
    expect(pickReusableFeed([older, newer])).toBe(older);
    const tie = { id: "aaa_f", type: "fanout", createdAt: 1000 };
    expect(pickReusableFeed([older, tie])).toBe(tie);
  });
});

describe("datafeed v2 with a tag: the tagged feed is reused", () => {
  let pod: FakePod;
  let connection: SymphonyConnection;

  beforeEach(async () => {
    ({ pod, connection } = await startConnected({ longPollMs: 50, datafeed: { tag: "todo-bot" } }));
  });
  afterEach(async () => {
    await connection.close();
    await pod.close();
  });

  it("reads the existing feed named by the tag and creates none", async () => {
    // This fake pod's create never returns an existing feed: only the selection can avoid a new one.
    pod.openFeed("todo-bot");
    const feed = connection.createDatafeedLoop(async () => undefined, {
      finalAckTimeoutMs: 100,
    }) as DatafeedV2Loop;
    const running = feed.run();
    await waitFor(() => pod.server.requestsTo("POST", /\/read$/).length > 0, "first read");
    expect(feed.currentFeedId).toBe("todo-bot");
    expect(pod.server.requestsTo("POST", "/agent/v5/datafeeds")).toHaveLength(0);
    await feed.stop();
    await running;
  });
});
