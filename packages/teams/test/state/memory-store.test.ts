/** The state store's history: per conversation, newest first, by type or tag, paged, retired cards left out. */
import { describe, expect, it } from "vitest";
import { type CardRecord, MemoryStateStore } from "../../src/index.ts";

const card = (n: number, extra: Partial<CardRecord> = {}): CardRecord => ({
  cardId: `c${n}`,
  conversationId: "conv-1",
  typeName: "list",
  tags: ["list"],
  data: { type: "list", version: "1.0", n },
  offered: { buttons: [], editable: false },
  time: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  ...extra,
});

describe("MemoryStateStore", () => {
  it("pages newest first by type, skipping other conversations, types, drafts and retired cards", async () => {
    const store = new MemoryStateStore();
    for (let n = 1; n <= 5; n++) await store.putCard(card(n));
    await store.putCard(card(6, { conversationId: "conv-2" }));
    await store.putCard(card(7, { typeName: "other", tags: ["other"] }));
    await store.putCard(card(8, { data: undefined })); // a draft
    await store.putCard({ ...card(5), retired: true, activityId: "a5" }); // rewritten: keeps its place
    const first = await store.findCards({ conversationId: "conv-1", typeName: "list", limit: 2 });
    expect(first.items.map((c) => c.cardId)).toEqual(["c4", "c3"]);
    const second = await store.findCards({
      conversationId: "conv-1",
      typeName: "list",
      limit: 2,
      cursor: first.next,
    });
    expect(second.items.map((c) => c.cardId)).toEqual(["c2", "c1"]);
    expect(second.next).toBeUndefined();
  });

  it("filters by tag and since", async () => {
    const store = new MemoryStateStore();
    await store.putCard(card(1, { tags: ["list", "poll-1"] }));
    await store.putCard(card(2));
    await store.putCard(card(3, { tags: ["list", "poll-1"] }));
    const tagged = await store.findCards({ conversationId: "conv-1", tag: "poll-1", limit: 10 });
    expect(tagged.items.map((c) => c.cardId)).toEqual(["c3", "c1"]);
    const recent = await store.findCards({
      conversationId: "conv-1",
      limit: 10,
      since: new Date(Date.UTC(2026, 0, 1, 0, 0, 2)),
    });
    expect(recent.items.map((c) => c.cardId)).toEqual(["c3", "c2"]);
  });
});
