import type { V4Event } from "../events/event-factory.ts";

/** What a datahose feed is: one account's tag with its filters. Readers giving the same share it. */
export interface DatahoseFilter {
  tag: string;
  /** Sorted: the order a client lists them in makes no other feed. */
  eventTypes: string[];
  /** Sorted; empty = every scope. */
  scopes: string[];
}

export const DATAHOSE_SCOPES = ["INTERNAL", "EXTERNAL", "FEDERATED"] as const;

export function datahoseKey(ownerId: number, filter: DatahoseFilter): string {
  return JSON.stringify([ownerId, filter.tag, filter.eventTypes, filter.scopes]);
}

/**
 * Whether a feed with this filter receives the event. Scopes as the contract has them: INTERNAL, the
 * events of internal chats (and shared wall posts); EXTERNAL, those of external chats (and connection
 * events); FEDERATED, those of federated chats — the emulator has none.
 */
export function datahoseMatches(filter: DatahoseFilter, event: V4Event): boolean {
  if (!filter.eventTypes.includes(event.type)) return false;
  if (filter.scopes.length === 0) return true;
  return filter.scopes.includes(scopeOf(event));
}

function scopeOf(event: V4Event): string {
  if (event.type === "SHAREDPOST") return "INTERNAL";
  if (event.type === "CONNECTIONREQUESTED" || event.type === "CONNECTIONACCEPTED") return "EXTERNAL";
  const body = Object.values((event.payload ?? {}) as Record<string, unknown>)[0] as
    | { stream?: { external?: unknown }; message?: { stream?: { external?: unknown } } }
    | undefined;
  const stream = body?.stream ?? body?.message?.stream;
  return stream?.external === true ? "EXTERNAL" : "INTERNAL";
}
