/**
 * The agent's limits on one message (Symphony's "Message limitations", see
 * shared/reference/symphony-api.md): about 60 000 characters of text, and 1.5 MB for message and
 * data together. A message past them is refused by the agent (400 / 413) only after the call —
 * so a long text answer is split here into several messages, and what cannot be split (a form, a
 * work object with too much data) is refused before it is sent, with a message saying why.
 */
import type { Content, MessageResponse } from "@sprig/core";
import { toPlainText } from "@sprig/core";
import { SymphonyError } from "../errors/symphony-error.ts";
import type { RenderedMessage } from "./rendered-message.ts";

/** Characters of text per message: the agent's documented "about 60 000", with room for markup. */
export const MAX_MESSAGE_TEXT = 50_000;
/** Message plus data, in UTF-8 bytes: the agent's 1.5 MB. */
export const MAX_MESSAGE_BYTES = 1_500_000;

/**
 * A text message too long for one Symphony message, as several in order: whole blocks together
 * while they fit, a paragraph or list too long alone cut between words or items. Buttons stay on
 * the last part. Split the same way on every run, so a redelivery's n-th part is the n-th again.
 */
export function splitForLimits(response: MessageResponse, maxText = MAX_MESSAGE_TEXT): MessageResponse[] {
  if (textLength(response.content) <= maxText) return [response];
  const blocks = response.content.children.flatMap((block) => cutBlock(block, maxText));
  const parts: Content[][] = [];
  let current: Content[] = [];
  let length = 0;
  for (const block of blocks) {
    const size = textLength(block) + 2;
    if (current.length > 0 && length + size > maxText) {
      parts.push(current);
      current = [];
      length = 0;
    }
    current.push(block);
    length += size;
  }
  parts.push(current);
  return parts.map((children, i) => {
    const last = i === parts.length - 1;
    const part = {
      ...response,
      content: { kind: "message" as const, children },
      buttons: last ? response.buttons : [],
    };
    if (!last) delete (part as { formId?: string }).formId;
    return part;
  });
}

/** A block too long alone, cut into blocks of the same kind that fit (others are left whole). */
function cutBlock(block: Content, maxText: number): Content[] {
  if (textLength(block) <= maxText) return [block];
  if (block.kind === "paragraph" || block.kind === "heading" || block.kind === "blockquote")
    return chunks(block.children, maxText).map((children) => ({ ...block, children }));
  if (block.kind === "ordered-list" || block.kind === "unordered-list")
    return chunks(block.items, maxText).map((items) => ({ ...block, items }));
  if (block.kind === "table")
    return chunks(block.rows, maxText, (row) => row.reduce((n, cell) => n + textLength(cell) + 1, 0)).map(
      (rows) => ({ ...block, rows }),
    );
  return [block];
}

function chunks<T>(items: readonly T[], maxText: number, size: (item: T) => number = sizeOf): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let length = 0;
  for (const item of items) {
    const itemSize = size(item) + 1;
    if (current.length > 0 && length + itemSize > maxText) {
      out.push(current);
      current = [];
      length = 0;
    }
    current.push(item);
    length += itemSize;
  }
  if (current.length > 0) out.push(current);
  return out;
}

function sizeOf(item: unknown): number {
  return textLength(item as Content);
}

function textLength(content: Content): number {
  return toPlainText(content).length;
}

/** Throws `MESSAGE_TOO_LARGE` when the rendered message is past the agent's limits. */
export function checkMessageLimits(rendered: RenderedMessage): void {
  const bytes =
    Buffer.byteLength(rendered.message) +
    (rendered.data === undefined ? 0 : Buffer.byteLength(JSON.stringify(rendered.data)));
  if (bytes > MAX_MESSAGE_BYTES)
    throw new SymphonyError(
      "MESSAGE_TOO_LARGE",
      `The response is ${bytes} bytes with its data; Symphony takes at most ${MAX_MESSAGE_BYTES} per message. Send less (fewer rows, shorter values), or send it as a file attachment.`,
    );
}
