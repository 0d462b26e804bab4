/**
 * The `StateStore` behaviour as a vitest suite, run against every implementation (memory, file,
 * Redis): history per conversation, newest first, by type or tag, paged, retired cards left out.
 */
import { describe, expect, it } from "vitest";
import type { CardRecord, StateStore } from "../state/state-store.ts";

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

/** `store()` gives an empty store each time. */
export function stateStoreContract(name: string, store: () => StateStore | Promise<StateStore>): void {
  describe(`StateStore contract: ${name}`, () => {
    it("pages newest first by type, skipping other conversations, types, drafts and retired cards", async () => {
      const s = await store();
      for (let n = 1; n <= 5; n++) await s.putCard(card(n));
      await s.putCard(card(6, { conversationId: "conv-2" }));
      await s.putCard(card(7, { typeName: "other", tags: ["other"] }));
      await s.putCard(card(8, { data: undefined })); // a draft
      await s.putCard({ ...card(5), retired: true, activityId: "a5" }); // rewritten: keeps its place
      const first = await s.findCards({ conversationId: "conv-1", typeName: "list", limit: 2 });
      expect(first.items.map((c) => c.cardId)).toEqual(["c4", "c3"]);
      const second = await s.findCards({
        conversationId: "conv-1",
        typeName: "list",
        limit: 2,
        cursor: first.next,
      });
      expect(second.items.map((c) => c.cardId)).toEqual(["c2", "c1"]);
      expect(second.next).toBeUndefined();
      expect(await s.card("c5")).toMatchObject({ retired: true, activityId: "a5", data: { n: 5 } });
      expect(await s.card("nope")).toBeUndefined();
    });

    it("filters by tag and since", async () => {
      const s = await store();
      await s.putCard(card(1, { tags: ["list", "poll-1"] }));
      await s.putCard(card(2));
      await s.putCard(card(3, { tags: ["list", "poll-1"] }));
      const tagged = await s.findCards({ conversationId: "conv-1", tag: "poll-1", limit: 10 });
      expect(tagged.items.map((c) => c.cardId)).toEqual(["c3", "c1"]);
      const recent = await s.findCards({
        conversationId: "conv-1",
        limit: 10,
        since: new Date(Date.UTC(2026, 0, 1, 0, 0, 2)),
      });
      expect(recent.items.map((c) => c.cardId)).toEqual(["c3", "c2"]);
    });

    it("keeps conversations and delivered send ids", async () => {
      const s = await store();
      await s.putConversation({ id: "conv-1", kind: "personal", serviceUrl: "https://smba.example/" });
      await s.putConversation({
        id: "conv-1",
        kind: "personal",
        serviceUrl: "https://smba.example/",
        gone: true,
      });
      expect(await s.conversation("conv-1")).toMatchObject({ gone: true });
      expect(await s.conversation("none")).toBeUndefined();
      expect((await s.conversations()).map((c) => c.id)).toEqual(["conv-1"]);
      expect(await s.sent("send-1")).toBeUndefined();
      await s.markSent("send-1", "activity-1");
      expect(await s.sent("send-1")).toBe("activity-1");
    });
  });
}
