import { describe, expect, it } from "vitest";
import { SentMessages } from "../../src/index.ts";

describe("SentMessages", () => {
  it("forgets the oldest messages first, by count", () => {
    const sent = new SentMessages(2);
    sent.remember("a", "1");
    sent.remember("b", "2");
    sent.remember("c", "3");
    expect([sent.has("a"), sent.has("b"), sent.has("c")]).toEqual([false, true, true]);
    expect(sent.dataOf("c")).toBe("3");
  });

  it("keeps a form in use: the least recently used message is forgotten, not the first sent", () => {
    const sent = new SentMessages(2);
    sent.remember("a", "1");
    sent.remember("b", "2");
    expect(sent.dataOf("a")).toBe("1"); // pressed again
    sent.remember("c", "3");
    expect([sent.has("a"), sent.has("b"), sent.has("c")]).toEqual([true, false, true]);
  });

  it("stays within its size budget, however large the data", () => {
    const sent = new SentMessages(100, 10);
    sent.remember("a", "xxxxxx");
    sent.remember("b", "yyyyyy");
    expect(sent.has("a")).toBe(false);
    expect(sent.dataOf("b")).toBe("yyyyyy");
    // Remembering the same id again replaces it rather than counting it twice.
    sent.remember("b", "zz");
    sent.remember("c", "wwwwww");
    expect(sent.size).toBe(2);
  });

  it("knows the stream each message went to, and forgets it with the message", () => {
    const sent = new SentMessages(1);
    sent.remember("a", "1", "s1");
    expect(sent.streamOf("a")).toBe("s1");
    sent.remember("b", "2", "s2");
    expect(sent.streamOf("a")).toBeUndefined();
    expect(sent.streamOf("b")).toBe("s2");
  });
});
