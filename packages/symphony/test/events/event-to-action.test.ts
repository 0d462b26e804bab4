import { readdirSync } from "node:fs";
import type { FormAction, MemberAction, MessageAction } from "@sprig/core";
import { cashTag, hashTag, mention, message, paragraph, User, word } from "@sprig/core";
import { hasShared, readSharedJson, sharedPath } from "@sprig/shared-data";
import { describe, expect, it } from "vitest";
import {
  EventMapper,
  type EventMapperOptions,
  formMessageIdOf,
  type StreamKind,
  StreamTypeCache,
  type SymphonyError,
  type V4Event,
} from "../../src/index.ts";

/** A stream lookup standing in for the pod: answers from a table and counts what it was asked. */
function podStreams(types: Record<string, StreamKind>) {
  const asked: string[] = [];
  return {
    asked,
    streamInfo: async (id: string) => {
      asked.push(id);
      return { id, streamType: { type: types[id] } };
    },
  };
}

function mapper(types: Record<string, StreamKind> = {}, recoverWork?: EventMapperOptions["recoverWork"]) {
  const pod = podStreams(types);
  return {
    pod,
    mapper: new EventMapper({
      streamTypes: new StreamTypeCache(pod),
      ...(recoverWork ? { recoverWork } : {}),
    }),
  };
}

async function refusal(promise: Promise<unknown>): Promise<SymphonyError> {
  try {
    await promise;
  } catch (error) {
    return error as SymphonyError;
  }
  throw new Error("expected the event to be refused");
}

const event = (name: string) => readSharedJson<V4Event>("fixtures", "events", name);
/** Upstream "template" examples leave ids empty: fill them in as a real event would have them. */
function filled(e: V4Event, streamId = "room-stream-id"): V4Event {
  const json = JSON.stringify(e).replace(/"streamId":""/g, `"streamId":"${streamId}"`);
  return { ...(JSON.parse(json) as V4Event), id: e.id || "evt-1" };
}

describe.skipIf(!hasShared())("MESSAGESENT → MessageAction (upstream payloads)", () => {
  it("maps the docs' message: who, when, the IM addressed by the person, the words", async () => {
    const action = (await mapper().mapper.toAction(event("MESSAGESENT.json"))) as MessageAction;
    const reed = User.of("symphony", "344147139494862", "Reed Feldman (SUP)", "reed.feldman@symphony.com");
    expect(action).toEqual({
      kind: "message",
      eventId: "9rc1dr",
      time: new Date(1595365005847),
      user: reed,
      addressable: reed,
      message: message(paragraph(word("hi"))),
      messageId: "Fd4Pc8xO5Vg6hVfzabFe2X___oyM1eXobQ",
    });
  });

  it("turns entities into a mention of a user, a cashtag and a hashtag (from the EntityJSON)", async () => {
    const action = (await mapper().mapper.toAction(
      filled(event("MESSAGESENT-mentions-hashtags-cashtags.json")),
    )) as MessageAction;
    const inline = action.message.children.flatMap((block) => ("children" in block ? block.children : []));
    expect(inline).toContainEqual(mention(User.of("symphony", "123456789", "user name")));
    expect(inline).toContainEqual(cashTag("ibm"));
    expect(inline).toContainEqual(hashTag("unexpected"));
    expect(inline.slice(0, 3)).toEqual([word("Message"), word("content."), word("With")]);
  });

  it("maps the BDK's read_datafeed.json message in a ROOM to its chat", async () => {
    const [first] = readSharedJson<V4Event[]>("fixtures", "bdk", "res_response", "read_datafeed.json");
    const action = (await mapper().mapper.toAction(first!)) as MessageAction;
    expect(action.addressable).toEqual({ kind: "chat", platform: "symphony", id: "wTmSDJSNPXgB..." });
    expect(action.message).toEqual(message(paragraph(word("Hello"), word("World"))));
  });
});

describe.skipIf(!hasShared())("nulls in real payloads", () => {
  it("maps a message carrying nulls where the contract has no value (the BDK's get_message.json)", async () => {
    const sent = readSharedJson<Record<string, unknown>>("fixtures", "bdk", "message", "get_message.json");
    const wrapped = { id: "n1", type: "MESSAGESENT", payload: { messageSent: { message: sent } } } as V4Event;
    const action = (await mapper().mapper.toAction(wrapped)) as MessageAction;
    const bot = User.of("symphony", "12987981103694", "bot-name", "fakemail@symphony.com");
    expect(action.user).toEqual(bot);
    expect(action.addressable).toEqual(bot);
    expect(action.message).toEqual(message(paragraph(word("Hello,"), word("World!"))));
  });
});

describe.skipIf(!hasShared())("SYMPHONYELEMENTSACTION → FormAction (upstream payloads)", () => {
  it("maps form id, pressed button, values, and the form message; asks the pod the stream type once", async () => {
    const recovered: [string, string][] = [];
    const { pod, mapper: m } = mapper(
      { "YuK1c2y2yuie6-UfQnjSPX___pQEn69idA": "ROOM" },
      async (messageId, streamId) => {
        recovered.push([messageId, streamId]);
        return { work: { items: [] } };
      },
    );
    const action = (await m.toAction(event("SYMPHONYELEMENTSACTION.json"))) as FormAction;
    expect(action).toMatchObject({
      kind: "form",
      eventId: "HHZFPX",
      time: new Date(1563297404217),
      user: { id: "7078106482890", name: "User" },
      addressable: { kind: "chat", id: "YuK1c2y2yuie6-UfQnjSPX___pQEn69idA" },
      formId: "form_id",
      buttonId: "submit_button",
      formMessageId: "xtZqqBNGwLDkLuvuQTyjH3___pQENvjudA",
      submissionId: "StQDPAYMXNz1ue4fcr5W7H___pQENqrGbQ",
      work: { items: [] },
    });
    expect(action.values).toEqual({
      name_01: "John",
      email_01: "john@email.com",
      country: "opt1",
      example_radio: "option_01",
      checkbox_1: "value01",
      checkbox_2: "value02",
      comment: "my comment",
    });
    expect(recovered).toEqual([["xtZqqBNGwLDkLuvuQTyjH3___pQENvjudA", "YuK1c2y2yuie6-UfQnjSPX___pQEn69idA"]]);
    await m.toAction(event("SYMPHONYELEMENTSACTION.json"));
    expect(pod.asked).toEqual(["YuK1c2y2yuie6-UfQnjSPX___pQEn69idA"]);
  });

  it("addresses a form submitted in a 1:1 by the person, never as a room", async () => {
    const action = (await mapper().mapper.toAction(
      event("elements/form-interactive-bot.json"),
    )) as FormAction;
    expect(action.addressable).toEqual(action.user);
    expect(action.addressable.kind).toBe("user");
  });

  it("reads the pre-20.3.1 shape (formStream instead of stream)", async () => {
    const { mapper: m } = mapper({ "YuK1c2y2yuie6-UfQnjSPX___pQEn69idA": "ROOM" });
    const action = (await m.toAction(event("elements/text-field.json"))) as FormAction;
    expect(action.addressable).toMatchObject({ kind: "chat", id: "YuK1c2y2yuie6-UfQnjSPX___pQEn69idA" });
    expect(action.buttonId).toBe("text-field");
    expect(action.formMessageId).toBe("5iSJ-faXx_23Jkehx3lpSn___pQDVedXdA");
  });

  const elementFiles = hasShared()
    ? readdirSync(sharedPath("fixtures", "events", "elements")).filter((f) => f.endsWith(".json"))
    : [];
  it.each(elementFiles)("maps elements/%s with the pressed button taken out of the values", async (file) => {
    const raw = event(`elements/${file}`);
    const { mapper: m } = mapper(new Proxy({}, { get: () => "ROOM" }) as Record<string, StreamKind>);
    const action = (await m.toAction(raw)) as FormAction;
    const formValues = raw.payload?.symphonyElementsAction?.formValues ?? {};
    expect(action.kind).toBe("form");
    expect(action.buttonId).toBe(formValues.action);
    expect(action.values).not.toHaveProperty("action");
    expect(Object.keys(action.values).length).toBe(Object.keys(formValues).length - 1);
  });
});

describe.skipIf(!hasShared())("room membership events → MemberAction (upstream payloads)", () => {
  it.each([
    ["USERJOINEDROOM.json", "joined"],
    ["USERLEFTROOM.json", "left"],
    ["ROOMMEMBERPROMOTEDTOOWNER.json", "promoted"],
    ["ROOMMEMBERDEMOTEDFROMOWNER.json", "demoted"],
  ])("%s → %s", async (file, change) => {
    const action = (await mapper().mapper.toAction(filled(event(file)))) as MemberAction;
    expect(action).toMatchObject({
      kind: "member",
      change,
      eventId: "evt-1",
      addressable: { kind: "chat", platform: "symphony", id: "room-stream-id" },
      member: { kind: "user", platform: "symphony", id: "0" },
    });
  });

  it.each([
    ["ROOMCREATED.json", "room-created"],
    ["ROOMUPDATED.json", "room-updated"],
    ["ROOMDEACTIVATED.json", "room-deactivated"],
    ["ROOMREACTIVATED.json", "room-reactivated"],
    ["INSTANTMESSAGECREATED.json", "im-created"],
    ["MESSAGESUPPRESSED.json", "message-suppressed"],
    ["SHAREDPOST.json", "post-shared"],
    ["USERREQUESTEDTOJOINROOM.json", "join-requested"],
    ["CONNECTIONREQUESTED.json", "connection-requested"],
    ["CONNECTIONACCEPTED.json", "connection-accepted"],
    ["GENERICSYSTEMEVENT.json", "system-event"],
  ])("%s is an event action (%s) carrying its own payload, deduped by its event id", async (file, name) => {
    // Some upstream samples leave out the id every real event has (the dedupe key).
    const sample = event(file);
    const upstream: V4Event = { ...sample, id: sample.id || `${file}-id` };
    const action = await mapper().mapper.toAction(upstream);
    const payloadKey = Object.keys(upstream.payload ?? {})[0]!;
    expect(action).toMatchObject({
      kind: "event",
      event: name,
      platformType: upstream.type,
      eventId: upstream.id,
      user: { kind: "user", platform: "symphony" },
      payload: upstream.payload?.[payloadKey],
    });
  });

  it("an event type it does not know keeps its own name and payload", async () => {
    const action = await mapper().mapper.toAction({
      id: "n1",
      type: "SOMETHINGNEW",
      initiator: { user: { userId: 5 } },
      payload: { somethingNew: { x: 1 } },
    });
    expect(action).toMatchObject({
      kind: "event",
      event: "somethingnew",
      payload: { somethingNew: { x: 1 } },
    });
  });
});

describe("bad and hostile input", () => {
  const base: V4Event = {
    id: "e1",
    timestamp: 1,
    type: "MESSAGESENT",
    initiator: { user: { userId: 5, displayName: "Eve" } },
    payload: {
      messageSent: {
        message: {
          messageId: "m1",
          message: '<div data-format="PresentationML" data-version="2.0">x</div>',
          stream: { streamId: "s1", streamType: "ROOM" },
        },
      },
    },
  };

  it("refuses an event missing what its action needs, naming it (EVENT_MALFORMED)", async () => {
    const noStream = structuredClone(base);
    delete noStream.payload!.messageSent!.message!.stream;
    const error = await refusal(mapper().mapper.toAction(noStream));
    expect(error.code).toBe("EVENT_MALFORMED");
    expect(error.message).toContain("payload.messageSent.message.stream.streamId");
    expect(error.message).toContain("e1");

    const noButton: V4Event = {
      id: "e2",
      type: "SYMPHONYELEMENTSACTION",
      initiator: { user: { userId: 5 } },
      payload: {
        symphonyElementsAction: {
          stream: { streamId: "s1", streamType: "ROOM" },
          formId: "f",
          formValues: {},
        },
      },
    };
    const formError = await refusal(mapper().mapper.toAction(noButton));
    expect(formError.code).toBe("EVENT_MALFORMED");
    expect(formError.message).toContain("formValues.action");

    const noUser = structuredClone(base);
    delete noUser.initiator;
    delete noUser.payload!.messageSent!.message!.user;
    expect((await refusal(mapper().mapper.toAction(noUser))).message).toContain("initiator.user.userId");
  });

  it("keeps markup and template syntax typed by a person as words, never as markup", async () => {
    const hostile = structuredClone(base);
    hostile.payload!.messageSent!.message!.message =
      '<div data-format="PresentationML" data-version="2.0"><p>&lt;form id="x"&gt;&lt;button name="y"&gt;z&lt;/button&gt;&lt;/form&gt; ${data}</p></div>';
    const action = (await mapper().mapper.toAction(hostile)) as MessageAction;
    expect(action.message).toEqual(
      message(
        paragraph(word("<form"), word('id="x"><button'), word('name="y">z</button></form>'), word("${data}")),
      ),
    );
  });

  it("takes the message id of an old Elements payload from before its padding", () => {
    expect(formMessageIdOf("xtZqqBNGwLDkLuvuQTyjH3///pQENvjudA==5454")).toBe(
      "xtZqqBNGwLDkLuvuQTyjH3___pQENvjudA",
    );
    expect(formMessageIdOf("p1tZHt5dL8ZR5RPgl4TJ6X___oyx4sfxbQ")).toBe("p1tZHt5dL8ZR5RPgl4TJ6X___oyx4sfxbQ");
  });

  it("learns stream types from events and asks the pod only about streams it never saw", async () => {
    const pod = podStreams({ other: "MIM" });
    const cache = new StreamTypeCache(pod);
    cache.remember("lX1hwfmQ+AK/k/a/BB0y2n///q2+0KfbdA==", "IM");
    expect(await cache.typeOf("lX1hwfmQ-AK_k_a_BB0y2n___q2-0KfbdA")).toBe("IM");
    expect(await cache.typeOf("other")).toBe("MIM");
    expect(await cache.typeOf("other")).toBe("MIM");
    expect(pod.asked).toEqual(["other"]);
  });
});

describe("SYMPHONYELEMENTSACTION: what the form message tells", () => {
  const press = (formMessageId = "bWVzc2FnZQ=="): V4Event => ({
    id: "p1",
    type: "SYMPHONYELEMENTSACTION",
    initiator: { user: { userId: 5 } },
    payload: {
      symphonyElementsAction: {
        stream: { streamId: "s1", streamType: "ROOM" },
        formMessageId,
        formId: "f",
        formValues: { action: "save", title: "x" },
      },
    },
  });

  it("carries the offered controls and the form data onto the FormAction; asks with the press's stream", async () => {
    const asked: [string, string][] = [];
    const { mapper: m } = mapper({}, async (id, stream) => {
      asked.push([id, stream]);
      return {
        work: { items: [] },
        offered: { buttons: ["save"], editable: true },
        formData: { people: [] },
      };
    });
    const action = (await m.toAction(press())) as FormAction;
    expect(asked).toEqual([["bWVzc2FnZQ", "s1"]]);
    expect(action).toMatchObject({
      work: { items: [] },
      offered: { buttons: ["save"], editable: true },
      formData: { people: [] },
    });
    expect(action).not.toHaveProperty("formUnavailable");
  });

  it("an unavailable form message becomes formUnavailable, with no work or offered controls", async () => {
    const { mapper: m } = mapper({}, async () => ({ unavailable: "it belongs to another conversation" }));
    const action = (await m.toAction(press())) as FormAction;
    expect(action.formUnavailable).toBe("it belongs to another conversation");
    expect(action).not.toHaveProperty("work");
    expect(action).not.toHaveProperty("offered");
  });
});
