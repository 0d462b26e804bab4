import type { RandomBytes } from "../runtime/random.ts";
import { asBuffer, bytesToUrlSafeId } from "./url-safe-ids.ts";

/** Every identifier the emulator mints. Built from one random source so a seed reproduces a run. */
export interface IdSource {
  streamId(): string;
  messageId(): string;
  attachmentId(): string;
  /** Short event id, like the pod's `9rc1dr`. */
  eventId(): string;
  ackId(): string;
  /** `<32 hex>_f`, the shape the BDK v2 loop looks for when it reuses a feed. */
  datafeedId(): string;
  v1DatafeedId(): string;
  token(): string;
  /** The translator's 8-character ids of labels, checkboxes and dialogs. */
  shortId(): string;
  uuid(): string;
  /** Next numeric user id not yet taken. */
  userId(taken: (id: number) => boolean): number;
}

const EVENT_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

export function createIdSource(random: RandomBytes, firstUserId = 349026222340001): IdSource {
  let nextUserId = firstUserId;
  const hex = (count: number) => asBuffer(random(count)).toString("hex");
  return {
    streamId: () => bytesToUrlSafeId(random(25)),
    messageId: () => bytesToUrlSafeId(random(25)),
    attachmentId: () => bytesToUrlSafeId(random(24)),
    eventId: () => {
      const bytes = random(6);
      let id = "";
      for (let i = 0; i < bytes.length; i++) id += EVENT_ALPHABET[bytes[i]! % EVENT_ALPHABET.length];
      return id;
    },
    ackId: () => bytesToUrlSafeId(random(24)),
    datafeedId: () => `${hex(16)}_f`,
    v1DatafeedId: () => hex(16),
    token: () => hex(32),
    shortId: () => bytesToUrlSafeId(random(6)),
    uuid: () => {
      const h = hex(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    userId: (taken) => {
      while (taken(nextUserId)) nextUserId++;
      return nextUserId++;
    },
  };
}
