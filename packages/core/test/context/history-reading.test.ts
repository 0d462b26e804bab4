import { Chat, type HistoryQuery, historyOver, latestOfEach, readAll, WorkRegistry, work } from "@sprig/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";

// readAll pages through history (the loop the poll and reminder bots each wrote); latestOfEach keeps
// the newest state of each object.
const Note = work("note", z.object({ id: z.string(), text: z.string() }));

function notesHistory(count: number) {
  const registry = new WorkRegistry();
  registry.register(Note);
  // Newest first, as a platform answers; the cursor is the position of the next page.
  const records = Array.from({ length: count }, (_, i) => ({
    data: registry.encode(Note.create({ id: `n${i % 3}`, text: `v${count - i}` })),
    time: new Date(0),
    messageId: `m${i}`,
    typeName: "note",
    tags: i % 2 === 0 ? ["note", "even"] : ["note"],
  }));
  const queries: HistoryQuery[] = [];
  const store = {
    async find(query: HistoryQuery) {
      queries.push(query);
      const matching = records.filter((r) => query.tag === undefined || r.tags.includes(query.tag));
      const start = Number(query.cursor ?? 0);
      const end = start + query.limit;
      const items = matching.slice(start, end);
      return end < matching.length ? { items, next: String(end) } : { items };
    },
  };
  return { history: historyOver(store, registry, Chat.of("test", "room")), queries };
}

describe("reading history past one page", () => {
  it("readAll reads every page in order, with the query's tag; maxPages stops early", async () => {
    const { history, queries } = notesHistory(25);
    const all = await readAll(history, Note, { pageSize: 10 });
    expect(all.map((n) => n.text)).toEqual(Array.from({ length: 25 }, (_, i) => `v${25 - i}`));
    expect(queries.map((q) => [q.limit, q.cursor])).toEqual([
      [10, undefined],
      [10, "10"],
      [10, "20"],
    ]);
    expect(await readAll(history, Note, { pageSize: 10, maxPages: 2 })).toHaveLength(20);
    expect(await readAll(history, Note, { pageSize: 5, tag: "even" })).toHaveLength(13);
  });

  it("latestOfEach keeps the first (newest) state of each key", async () => {
    const { history } = notesHistory(7);
    const latest = latestOfEach(await readAll(history, Note), (n) => n.id);
    expect([...latest.entries()].map(([id, n]) => [id, n.text])).toEqual([
      ["n0", "v7"],
      ["n1", "v6"],
      ["n2", "v5"],
    ]);
  });
});
