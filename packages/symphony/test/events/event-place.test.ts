// An event's place in its conversation's line across instances is read from the raw event alone
// (no pod call: it is taken the moment the batch is read), and names the event as its action does.
import { orderPlaceOf } from "@sprig/core";
import { describe, expect, it } from "vitest";
import { placeOf } from "../../src/events/event-place.ts";
import { EventMapper, StreamTypeCache, type V4Event } from "../../src/index.ts";
import { messageSent } from "../fake-symphony/events.ts";

const STREAM = "IEj12WoWsfTkiqOBkATdUn///pFXhN9OdA==";
const URL_SAFE = "IEj12WoWsfTkiqOBkATdUn___pFXhN9OdA";

describe("placeOf", () => {
  it("a message: its stream (URL-safe), its event id and pod time, as its action has them", async () => {
    const event = messageSent("ev-1", 1001, "hi", STREAM) as V4Event;
    const place = placeOf(event);
    expect(place?.conversation).toBe(`symphony:stream:${URL_SAFE}`);
    const action = await new EventMapper({ streamTypes: new StreamTypeCache() }).toAction(event);
    expect(place?.id).toBe(orderPlaceOf(action).id);
    expect(place?.id).toMatch(/^symphony:message:/);
    expect(place?.time).toEqual(action.time);
  });

  it("a message and a press under a new event id (a cross-pod duplicate) keep their place: named by the message and the submission", async () => {
    const mapper = new EventMapper({ streamTypes: new StreamTypeCache() });
    const original = messageSent("ev-7", 1001, "hi", STREAM) as V4Event;
    const duplicate = { ...original, id: "ev-8" };
    expect(placeOf(duplicate)?.id).toBe(placeOf(original)?.id);
    const press = (id: string): V4Event => ({
      id,
      messageId: "c3VibWlzc2lvbi8x+w==",
      timestamp: 1_700_000_000_000,
      type: "SYMPHONYELEMENTSACTION",
      initiator: { user: { userId: 1001 } },
      payload: {
        symphonyElementsAction: {
          stream: { streamId: URL_SAFE, streamType: "IM" },
          formId: "f",
          formValues: { action: "add" },
        },
      } as never,
    });
    expect(placeOf(press("ev-9"))?.id).toBe(placeOf(press("ev-10"))?.id);
    expect(placeOf(press("ev-9"))?.id).toBe(orderPlaceOf(await mapper.toAction(press("ev-9"))).id);
    expect(placeOf(press("ev-9"))?.id).toBe("symphony:submission:c3VibWlzc2lvbi8x-w");
  });

  it("a press of the old shape (formStream, no stream type): the stream, with no lookup", () => {
    const lookups: string[] = [];
    const press: V4Event = {
      id: "ev-2",
      timestamp: 1_700_000_000_000,
      type: "SYMPHONYELEMENTSACTION",
      initiator: { user: { userId: 1001 } },
      payload: {
        symphonyElementsAction: { formStream: { streamId: URL_SAFE }, formId: "f", formValues: {} },
      } as never,
    };
    const place = placeOf(press, () => {
      lookups.push("now");
      return 0;
    });
    expect(place).toEqual({
      conversation: `symphony:stream:${URL_SAFE}`,
      id: "symphony:event:ev-2",
      time: new Date(1_700_000_000_000),
    });
    expect(lookups).toEqual([]);
  });

  it("a membership change: its room; an event in no stream: the person who acted", () => {
    const joined: V4Event = {
      id: "ev-3",
      timestamp: 5,
      type: "USERJOINEDROOM",
      initiator: { user: { userId: 1 } },
      payload: { userJoinedRoom: { stream: { streamId: "room-1" }, affectedUser: { userId: 2 } } },
    };
    expect(placeOf(joined)?.conversation).toBe("symphony:stream:room-1");
    const requested: V4Event = {
      id: "ev-4",
      timestamp: 6,
      type: "CONNECTIONREQUESTED",
      initiator: { user: { userId: 1001 } },
      payload: { connectionRequested: { toUser: { userId: 9001 } } },
    };
    expect(placeOf(requested)?.conversation).toBe("symphony:user:1001");
  });

  it("an event without an id, or in no stream and by nobody, has no place (its mapping refuses it)", () => {
    const { id: _id, messageId: _messageId, ...noId } = messageSent("ev-5", 1001, "hi") as V4Event;
    expect(placeOf(noId)).toBeUndefined();
    expect(placeOf({ id: "ev-6", type: "CONNECTIONREQUESTED", payload: {} })).toBeUndefined();
  });
});
