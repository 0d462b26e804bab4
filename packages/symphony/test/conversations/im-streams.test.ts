import { Chat, User } from "@sprig/core";
import { describe, expect, it } from "vitest";
import { ImStreams } from "../../src/index.ts";

describe("ImStreams", () => {
  it("a chat is its own stream; a user's IM is created once, even when asked for twice at once", async () => {
    const created: (string | number)[][] = [];
    const streams = new ImStreams({
      async createIm(userIds) {
        created.push([...userIds]);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return "im+for/bob==";
      },
    });
    const bob = User.of("symphony", "1002", "Bob");
    expect(await streams.streamOf(Chat.of("symphony", "room+1/x=="))).toBe("room-1_x");
    const [a, b] = await Promise.all([streams.streamOf(bob), streams.streamOf(bob)]);
    expect([a, b]).toEqual(["im-for_bob", "im-for_bob"]);
    expect(await streams.streamOf(bob)).toBe("im-for_bob");
    expect(created).toEqual([["1002"]]);
  });

  it("uses IMs learnt from the datafeed, and refuses ids that are no Symphony user", async () => {
    const streams = new ImStreams({
      async createIm() {
        throw new Error("should not be called");
      },
    });
    streams.remember("1001", "ann-im");
    expect(await streams.streamOf(User.of("symphony", "1001"))).toBe("ann-im");
    await expect(streams.streamOf(User.of("symphony", "ann"))).rejects.toMatchObject({
      code: "ADAPTER_BAD_ADDRESS",
    });
  });
});
