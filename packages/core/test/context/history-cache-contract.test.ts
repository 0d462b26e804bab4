import { MemoryHistoryCache } from "@sprig/core";
import { historyCacheContract } from "@sprig/testing/contracts";
import { describe, expect, it } from "vitest";

historyCacheContract("memory", {
  instances: () => {
    const cache = new MemoryHistoryCache();
    return [cache, cache];
  },
});

describe("MemoryHistoryCache bounds", () => {
  it("drops the least recently used conversation past maxConversations (read again on a miss)", async () => {
    const cache = new MemoryHistoryCache({ maxConversations: 2 });
    const message = (id: string) => ({ messageId: id, time: 1, keys: ["k"], works: [] });
    await cache.observe("a", message("a1"));
    await cache.observe("b", message("b1"));
    await cache.latest("a", "k"); // a is now the most recently used
    await cache.observe("c", message("c1"));
    expect(await cache.latest("b", "k")).toBeUndefined();
    expect((await cache.latest("a", "k"))?.messageId).toBe("a1");
    expect((await cache.latest("c", "k"))?.messageId).toBe("c1");
  });
});
