/**
 * A history page's `next`: the position (time, message id) of the last message of the page, so
 * the next page starts right after it — messages arriving meanwhile shift nothing.
 */
export interface HistoryPosition {
  readonly time: number;
  readonly messageId: string;
}

/** Before the newest message: the first page. */
export const TOP: HistoryPosition = { time: Number.MAX_SAFE_INTEGER, messageId: "" };

export function encodeCursor(position: HistoryPosition): string {
  return Buffer.from(JSON.stringify([position.time, position.messageId])).toString("base64url");
}

/** Undefined for anything that is not a cursor this store made (it then reads from the top). */
export function decodeCursor(cursor: string | undefined): HistoryPosition | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      Number.isSafeInteger(value[0]) &&
      typeof value[1] === "string"
    ) {
      return { time: value[0] as number, messageId: value[1] };
    }
  } catch {
    // Not ours: fall through.
  }
  return undefined;
}

/** True when a message at `time`/`messageId` comes after `position` in newest-first order. */
export function isAfter(position: HistoryPosition, time: number, messageId: string): boolean {
  return time < position.time || (time === position.time && messageId < position.messageId);
}
