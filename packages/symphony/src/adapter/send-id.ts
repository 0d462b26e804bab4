/**
 * Send ids that survive a redelivery: the n-th response of an action gets the same id on every
 * run of the action, so a redelivered action can find what its earlier run already posted. A
 * hash (SHA-256, base64url, 132 bits): short, safe in URLs and JSON, and no action key leaks into
 * the message's data.
 */
import { createHash } from "node:crypto";

const SEND_ID_LENGTH = 22;

/**
 * The send id of response number `ordinal` of the action named `actionKey`, sent by `botUserId`
 * (two bots answering one message never share ids).
 */
export function sendIdFor(botUserId: string, actionKey: string, ordinal: number): string {
  return createHash("sha256")
    .update(`${botUserId}\n${actionKey}\n${ordinal}`)
    .digest("base64url")
    .slice(0, SEND_ID_LENGTH);
}
