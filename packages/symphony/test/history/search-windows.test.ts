import { describe, expect, it } from "vitest";
import { SearchWindows, type StoredMessage } from "../../src/index.ts";

const message = (streamId: string, messageId: string, time: number, type = "note"): StoredMessage => ({
  streamId,
  messageId,
  time,
  hashtags: [type],
  works: [{ type, version: "1.0" }],
});

describe("SearchWindows", () => {
  it("adds what it sees to the matching windows only, newest first, each message once", () => {
    const cache = new SearchWindows();
    const notes = cache.window("s1", "note", 0);
    const polls = cache.window("s1", "poll", 0);
    const recent = cache.window("s1", "note", 2000);
    cache.observe(message("s1", "m1", 1000));
    cache.observe(message("s1", "m2", 3000));
    cache.observe(message("s1", "m2", 3000));
    cache.observe(message("s2", "m3", 4000));
    cache.observe(message("s1", "m4", 5000, "poll"));
    expect(notes.messages.map((m) => m.messageId)).toEqual(["m2", "m1"]);
    expect(recent.messages.map((m) => m.messageId)).toEqual(["m2"]);
    expect(polls.messages.map((m) => m.messageId)).toEqual(["m4"]);
  });

  it("forgets the least recently used streams, and drops windows that grow too large", () => {
    const cache = new SearchWindows({ maxStreams: 2, maxMessagesPerWindow: 2 });
    cache.observe(message("s1", "a", 1));
    cache.observe(message("s2", "b", 1));
    cache.window("s1", "note", 0); // s1 used again: s2 is now the oldest
    cache.observe(message("s3", "c", 1));
    expect(cache.streamCount).toBe(2);
    expect(cache.window("s2", "note", 0).messages).toEqual([]); // forgotten
    const big = cache.window("s3", "note", 0);
    cache.observe(message("s3", "d", 2));
    cache.observe(message("s3", "e", 3));
    expect(cache.window("s3", "note", 0)).not.toBe(big); // dropped: read again from the pod
  });

  it("forgets a message replaced in place", () => {
    const cache = new SearchWindows();
    const notes = cache.window("s1", "note", 0);
    cache.observe(message("s1", "old", 1));
    cache.observe(message("s1", "new", 2));
    cache.forget("s1", "old");
    expect(notes.messages.map((m) => m.messageId)).toEqual(["new"]);
    expect(cache.window("s1", "note", 5).messages).toEqual([]);
  });
});
