import { message, WorkRegistry, type WorkType, words } from "@sprig/core";
import { describe, expect, it } from "vitest";
import { SentMessages } from "../../src/adapter/sent-messages.ts";
import { SymphonyError } from "../../src/errors/symphony-error.ts";
import { formMessageReader } from "../../src/events/form-message-reader.ts";
import { SymphonyHttpError } from "../../src/index.ts";
import { recoverFormFromMessage } from "../../src/render/recover-work.ts";
import { SymphonyRenderer } from "../../src/render/symphony-renderer.ts";
import type { V4Message } from "../../src/rest/wire-types.ts";
import { room, Todo, workResponse } from "../render/fixtures.ts";

const BOT = 9001;
const works = new WorkRegistry().register(Todo);
const item = Todo.create({ description: "Milk" });
const renderer = new SymphonyRenderer({ works });
const editData = JSON.stringify(renderer.render(workResponse(Todo as WorkType<unknown>, item, "edit")).data);

function reader(get: (id: string) => Promise<V4Message>, sent = new SentMessages()) {
  return formMessageReader({ works, sent, messages: { get }, botUserId: BOT });
}

const stored = (over: Partial<V4Message> = {}): V4Message => ({
  messageId: "m1",
  data: editData,
  user: { userId: BOT },
  stream: { streamId: "s1" },
  ...over,
});

describe("formMessageReader", () => {
  it("reads the work object, the offered controls and the form data of the bot's own message", async () => {
    const read = reader(async () => stored());
    expect(await read("m1", "s1")).toEqual({
      work: item,
      offered: { buttons: ["save"], editable: true },
    });
  });

  it("a 4xx from GET message (deleted, suppressed, no access) makes the form unavailable: no throw", async () => {
    for (const status of [400, 403, 404]) {
      const read = reader(async () => {
        throw new SymphonyHttpError("HTTP_CLIENT_ERROR", status, "Getting a message", undefined, undefined);
      });
      expect(await read("m1", "s1")).toEqual({ unavailable: expect.stringContaining("no longer read") });
    }
  });

  it("a 5xx or a network failure throws, so the event comes back and is tried again", async () => {
    const server = reader(async () => {
      throw new SymphonyHttpError("HTTP_SERVER_ERROR", 503, "Getting a message", undefined, undefined);
    });
    await expect(server("m1", "s1")).rejects.toMatchObject({ code: "HTTP_SERVER_ERROR" });
    const network = reader(async () => {
      throw new SymphonyError("HTTP_NETWORK_ERROR", "the connection dropped");
    });
    await expect(network("m1", "s1")).rejects.toMatchObject({ code: "HTTP_NETWORK_ERROR" });
  });

  it("a form message of another stream is unavailable, fetched or remembered", async () => {
    const fetched = reader(async () => stored({ stream: { streamId: "s2" } }));
    expect(await fetched("m1", "s1")).toEqual({
      unavailable: expect.stringContaining("another conversation"),
    });
    const sent = new SentMessages();
    sent.remember("m1", editData, "s2");
    const remembered = reader(async () => {
      throw new Error("no GET for a remembered message");
    }, sent);
    expect(await remembered("m1", "s1")).toEqual({
      unavailable: expect.stringContaining("another conversation"),
    });
    expect(await remembered("m1", "s2")).toMatchObject({ work: item });
  });

  it("stream ids compare URL-safe: the agent's standard Base64 is the same stream", async () => {
    const read = reader(async () => stored({ stream: { streamId: "a+b/c==" } }));
    expect(await read("m1", "a-b_c")).toMatchObject({ work: item });
  });

  it("a message someone else sent is unavailable", async () => {
    const read = reader(async () => stored({ user: { userId: 1001 } }));
    expect(await read("m1", "s1")).toEqual({ unavailable: expect.stringContaining("not sent by this bot") });
  });
});

describe("recoverFormFromMessage: the controls a message offered", () => {
  it("a view form offers its buttons and no table controls; an edit form offers table controls", () => {
    const view = renderer.render(
      workResponse(Todo as WorkType<unknown>, item, "view", { buttons: [{ id: "change", text: "Change" }] }),
    );
    expect(recoverFormFromMessage(works, view.data).offered).toEqual({
      buttons: ["change"],
      editable: false,
    });
    expect(recoverFormFromMessage(works, editData).offered).toEqual({
      buttons: ["save"],
      editable: true,
    });
  });

  it("a message with buttons (the help page) offers exactly those", () => {
    const rendered = renderer.render({
      kind: "message",
      to: room,
      content: message(...words("Commands")),
      buttons: [{ id: "cmd:new", text: "New" }],
      formId: "sprig-help",
    });
    expect(recoverFormFromMessage(works, JSON.stringify(rendered.data)).offered).toEqual({
      buttons: ["cmd:new"],
      editable: false,
    });
  });

  it("data that does not say which buttons it showed offers no list (nothing to check against)", () => {
    expect(recoverFormFromMessage(works, JSON.stringify({ form: works.encode(item) })).work).toEqual(item);
    expect(recoverFormFromMessage(works, JSON.stringify({ form: works.encode(item) }))).not.toHaveProperty(
      "offered",
    );
  });
});
