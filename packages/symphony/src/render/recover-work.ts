/**
 * A button press names the form message; its `data` (a JSON string on the datafeed and from
 * `GET /agent/v1/message/{id}`) holds the work object under `form`. Decoding goes through the work
 * registry only, so a type name in data can never select code; drafts were never state.
 */
import type { WorkRegistry } from "@sprig/core";
import { parseEntityJSON } from "@sprig/messageml";
import { WORK_DATA_KEY } from "./work-data.ts";

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The work object stored in a form message, or undefined when there is none or it cannot be read. */
export function recoverWorkFromMessage(
  works: WorkRegistry,
  data: string | Record<string, unknown> | undefined,
): unknown | undefined {
  let entity: Record<string, unknown>;
  try {
    entity = parseEntityJSON(data);
  } catch {
    return undefined;
  }
  const header = entity.header;
  if (isRecord(header) && header.draft === true) return undefined;
  return works.decode(entity[WORK_DATA_KEY]);
}
