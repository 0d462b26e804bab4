import { describe, expect, it } from "vitest";
import { EventFactory, eventJson, eventListJson } from "../src/events/event-factory.ts";
import { createIdSource, seededRandom } from "../src/index.ts";
import type { UserRecord } from "../src/store/records.ts";

const author: UserRecord = {
  id: 349026222340001,
  username: "alice",
  displayName: 'Alice "quoted" <b>',
  firstName: "Alice",
  lastName: "Liddell",
  email: "alice@example.com",
  bot: false,
};
const clock = { now: () => 1_700_000_000_000, setTimeout: () => 0, clearTimeout: () => {} };

describe("event JSON, made once", () => {
  it("an event made around its body's JSON text is exactly what serialising the event gives", () => {
    const events = new EventFactory(createIdSource(seededRandom(7)), clock);
    const view = { messageId: "m1", message: '<div data-format="PresentationML">a "b" \\ é 😀</div>', n: 1 };
    const event = events.create(
      "MESSAGESENT",
      author,
      { message: view },
      "m1",
      `{"message":${JSON.stringify(view)}}`,
    );
    expect(eventJson(event)).toBe(JSON.stringify(event));
    expect(JSON.parse(eventJson(event))).toEqual(event);
  });

  it("an event made without a body text is serialised on first use, and a list joins the texts", () => {
    const events = new EventFactory(createIdSource(seededRandom(7)), clock);
    const joined = events.create("USERJOINEDROOM", author, { stream: { streamId: "s" } });
    const sent = events.create("MESSAGESENT", author, { message: { m: 1 } }, "m2", '{"message":{"m":1}}');
    expect(eventJson(joined)).toBe(JSON.stringify(joined));
    expect(JSON.parse(eventListJson([joined, sent]))).toEqual([joined, sent]);
    expect(eventListJson([])).toBe("[]");
  });
});
