import { Chat, createBot } from "@sprig/core";
import { describe, expect, it } from "vitest";
import { toStandardId, toUrlSafeId } from "../../src/index.ts";
import { podAndBotsPerTest } from "./support/pod-and-bots.ts";
import { BOT_ID } from "./support/test-pod.ts";

// Seed 004: the Symphony client shows ids in standard Base64 (`+`, `/`, `=`), the API wants URL-safe
// (`-`, `_`, no padding). Whatever a bot author pastes, the adapter takes it.

const { startPod, startBot } = podAndBotsPerTest();

/** Tries `make` until its id would differ between the alphabets (holds `-` or `_`). */
async function withAlphabetChars(make: () => Promise<string>): Promise<string> {
  for (let i = 0; i < 40; i++) {
    const id = await make();
    if (/[-_]/.test(id)) return id;
  }
  throw new Error("no id with - or _ in 40 tries");
}

describe("ids in either Base64 alphabet", () => {
  it("converts both ways (the docs' example)", () => {
    const standard = "lX1hwfmQ+AK/k/a/BB0y2n///q2+0KfbdA==";
    const urlSafe = "lX1hwfmQ-AK_k_a_BB0y2n___q2-0KfbdA";
    expect(toUrlSafeId(standard)).toBe(urlSafe);
    expect(toStandardId(urlSafe)).toBe(standard);
    expect(toStandardId(standard)).toBe(standard);
    expect(toUrlSafeId(urlSafe)).toBe(urlSafe);
    expect(toStandardId("abc")).toBe("abc="); // 2 bytes: one padding character
    expect(toStandardId("ab-_")).toBe("ab+/");
  });

  it("the REST APIs and the bot take a stream or message id as the client shows it", async () => {
    const pod = await startPod();
    const alice = pod.personId("alice");
    const bot = createBot();
    const running = await startBot(bot);
    const { messages, streams } = running.connection;
    let n = 0;
    const room = await withAlphabetChars(() =>
      pod.dev.createRoom({ name: `Room ${n++}`, creatorId: alice, memberIds: [BOT_ID], ownerIds: [alice] }),
    );
    const shown = toStandardId(room);
    expect(shown).not.toBe(room);

    expect((await streams.streamInfo(shown)).id).toBe(room);
    expect((await streams.roomInfo(shown)).roomSystemInfo?.id).toBe(room);
    expect((await streams.members(shown)).map((m) => m.id)).toContain(alice);

    const messageId = await withAlphabetChars(async () => {
      const sent = await messages.send(shown, {
        message: "<messageML>with a file</messageML>",
        attachments: [{ name: "a.txt", content: new TextEncoder().encode("payload") }],
      });
      expect(toUrlSafeId(String(sent.stream?.streamId))).toBe(room);
      return String(sent.messageId);
    });
    const got = await messages.get(toStandardId(messageId));
    expect(got.messageId).toBe(messageId);
    const fileId = String(got.attachments?.[0]?.id);
    const bytes = await messages.attachment(shown, toStandardId(messageId), fileId);
    expect(new TextDecoder().decode(bytes)).toBe("payload");
    expect((await messages.list(shown, { since: 0 })).map((m) => m.messageId)).toContain(messageId);

    // The bot sends to a Chat whose id was pasted from the client.
    await bot.send(Chat.of("symphony", shown), "hello from a pasted id");
    const seen = await pod.dev.messages(room);
    expect(seen.some((m) => m.message.includes("hello from a pasted id"))).toBe(true);
  });
});
