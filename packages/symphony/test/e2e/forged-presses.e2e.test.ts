/**
 * Button presses no client would send, delivered straight to the bot's datafeed through the dev
 * API (past the emulator's checks of a real submission): each is answered once with a clear,
 * coded error, and nothing changes.
 */
import { ErrorCode, silentLogger } from "@sprig/core";
import type { Delivery } from "@sprig/testing";
import { createTodoBot, TodoList } from "@sprig/todo-bot";
import { afterEach, describe, expect, it } from "vitest";
import { type E2eChat, startE2eChat, TEAM } from "./support/e2e-chat.ts";
import type { ReadBotMessage } from "./support/read-bot-message.ts";

let e2e: E2eChat | undefined;
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

/** A Team room whose latest bot message is the todo list with one item, in view mode. */
async function viewedList(): Promise<{ e2e: E2eChat; list: ReadBotMessage }> {
  const started = await startE2eChat(createTodoBot({ logger: silentLogger }), {
    rooms: [TEAM, { name: "Other", members: ["alice"] }],
  });
  e2e = started;
  const room = started.chat.room("Team");
  await room.as("alice").send("/new");
  await room.send("/add").submit({ description: "one" }).expectWork(TodoList, { mode: "view" });
  const list = started.driver.transcript().at(-1) as ReadBotMessage;
  return { e2e: started, list };
}

/** The list is still the one with item "one". */
async function listUnchanged(started: E2eChat): Promise<void> {
  await started.chat
    .room("Team")
    .as("alice")
    .send("/show")
    .check((replies) => expect(replies.at(-1)?.value).toMatchObject({ items: [{ description: "one" }] }));
}

interface ForgedPress {
  readonly action: string;
  readonly values?: Record<string, unknown>;
  /** Default: the list message. */
  readonly formMessageId?: string;
  /** Default: the list's own room. */
  readonly streamId?: string;
}

/** Alice presses `action` on the todo-list form straight through the datafeed, past the client. */
function forgePress(started: E2eChat, list: ReadBotMessage, press: ForgedPress): Promise<Delivery> {
  return started.driver.forgeElementsAction(
    started.chat.user("alice"),
    { streamId: press.streamId ?? list.streamId, streamType: "ROOM" },
    {
      formMessageId: press.formMessageId ?? list.id,
      formId: "todo-list",
      action: press.action,
      ...(press.values ? { values: press.values } : {}),
    },
  );
}

describe("forged button presses end to end", () => {
  it("'save' pressed on a view-mode list (where it is not shown) is refused; the list is unchanged", async () => {
    const { e2e, list } = await viewedList();
    expect(list.buttons.map((b) => b.id)).not.toContain("save");
    const forged = await forgePress(e2e, list, {
      action: "save",
      values: { "items.0.description": "hacked" },
    });
    expect(forged.status).toBe("refused");
    expect(forged.replies).toHaveLength(1);
    expect(forged.replies[0]).toMatchObject({ kind: "error", errorCode: ErrorCode.ButtonNotOffered });
    expect(forged.replies[0]?.text).toContain('"save" is not on this form');
    await listUnchanged(e2e);
  });

  it("a table's delete pressed on a view-mode list is refused; no row is deleted", async () => {
    const { e2e, list } = await viewedList();
    const forged = await forgePress(e2e, list, {
      action: "sprig-table:delete:items",
      values: { "sprig-select:items.0": "on" },
    });
    expect(forged.status).toBe("refused");
    expect(forged.replies.map((r) => r.errorCode)).toEqual([ErrorCode.ButtonNotOffered]);
    await listUnchanged(e2e);
  });

  it("a view-mode list's own 'Add' pressed with field values (a view has no inputs) is refused", async () => {
    const { e2e, list } = await viewedList();
    const forged = await forgePress(e2e, list, {
      action: "add-item",
      values: { "items.0.description": "hacked" },
    });
    expect(forged.status).toBe("refused");
    expect(forged.replies.map((r) => r.errorCode)).toEqual([ErrorCode.ButtonNotOffered]);
    await listUnchanged(e2e);
  });

  it("a press naming a form message from another stream is refused", async () => {
    const { e2e, list } = await viewedList();
    const other = e2e.pod.roomId("Other");
    const forged = await forgePress(e2e, list, { action: "add-item", streamId: other });
    expect(forged.status).toBe("refused");
    expect(forged.replies).toHaveLength(1);
    expect(forged.replies[0]).toMatchObject({ kind: "error", errorCode: ErrorCode.FormUnavailable });
    expect(forged.replies[0]?.text).toContain("another conversation");
  });

  it("a press on a form message the pod will not show (4xx) is answered once, not redelivered forever", async () => {
    const { e2e, list } = await viewedList();
    const forged = await forgePress(e2e, list, {
      action: "add-item",
      formMessageId: "bm8tc3VjaC1tZXNzYWdlLWF0LWFsbA",
    });
    expect(forged.status).toBe("refused");
    expect(forged.replies).toHaveLength(1);
    expect(forged.replies[0]).toMatchObject({ kind: "error", errorCode: ErrorCode.FormUnavailable });
    expect(forged.replies[0]?.text).toContain("no longer available");
    // The batch was acknowledged: the bot goes on answering.
    await listUnchanged(e2e);
  });
});
