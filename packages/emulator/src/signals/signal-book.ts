import { badRequest, forbidden } from "../http/api-error.ts";
import { optionalBoolean, requiredString } from "../http/input.ts";
import type { Pod } from "../runtime/pod.ts";
import type { SignalRecord, UserRecord } from "../store/records.ts";

/**
 * Signals: saved searches of hashtags, cashtags and authors (`HASHTAG:abc AND CASHTAG:XYZ`) that
 * people subscribe to. The owner is subscribed from the start; a person may subscribe to their own
 * signals and to public ones (visible on profile, or company-wide); only the owner subscribes
 * others ("pushed") or changes and deletes it.
 */
const TERM = /^(HASHTAG|CASHTAG|AUTHOR):\S+$/i;

/** `BaseSignal` of a create (all required) or update (name and query required, flags kept if absent). */
export function signalFields(
  body: Record<string, unknown>,
  previous?: SignalRecord,
): Pick<SignalRecord, "name" | "query" | "visibleOnProfile" | "companyWide"> {
  const name = requiredString(body, "name", 80);
  const query = requiredString(body, "query", 2000).trim();
  const terms = query.split(/\s+(?:AND|OR)\s+/i).map((term) => term.replace(/^\(|\)$/g, ""));
  const bad = terms.find((term) => !TERM.test(term));
  if (bad !== undefined) {
    throw badRequest(
      `"query" term ${JSON.stringify(bad)} is not HASHTAG:…, CASHTAG:… or AUTHOR:<user id>, joined by AND / OR`,
      "INVALID_FIELD",
    );
  }
  return {
    name,
    query,
    visibleOnProfile: optionalBoolean(body, "visibleOnProfile") ?? previous?.visibleOnProfile ?? false,
    companyWide: optionalBoolean(body, "companyWide") ?? previous?.companyWide ?? false,
  };
}

export function createSignal(pod: Pod, owner: UserRecord, body: Record<string, unknown>): SignalRecord {
  const now = pod.clock.now();
  const signal: SignalRecord = {
    id: pod.ids.token().slice(0, 24),
    ownerId: owner.id,
    ...signalFields(body),
    timestamp: now,
    subscribers: [{ userId: owner.id, timestamp: now, pushed: false }],
  };
  pod.store.signals.set(signal.id, signal);
  pod.changed({ kind: "signal", signal });
  return signal;
}

/** The signal, if the caller may see it (owner, subscriber, or public); else 400 as if absent (the agent declares no 404). */
export function visibleSignal(pod: Pod, caller: UserRecord, id: string): SignalRecord {
  const signal = pod.store.signals.get(id);
  if (
    !signal ||
    !(
      signal.ownerId === caller.id ||
      isPublic(signal) ||
      signal.subscribers.some((s) => s.userId === caller.id)
    )
  )
    throw badRequest(`No signal ${JSON.stringify(id)}`, "UNKNOWN_SIGNAL");
  return signal;
}

export function ownSignal(pod: Pod, caller: UserRecord, id: string): SignalRecord {
  const signal = visibleSignal(pod, caller, id);
  if (signal.ownerId !== caller.id) throw forbidden(`Only the owner of signal ${id} may change it`);
  return signal;
}

export function updateSignal(pod: Pod, signal: SignalRecord, body: Record<string, unknown>): SignalRecord {
  Object.assign(signal, signalFields(body, signal));
  pod.changed({ kind: "signal", signal });
  return signal;
}

export function deleteSignal(pod: Pod, signal: SignalRecord): void {
  pod.store.signals.delete(signal.id);
  pod.changed({ kind: "signalRemoved", id: signal.id });
}

/** `ChannelSubscriptionResponse` of subscribing (or unsubscribing) these people. */
export function changeSubscriptions(
  pod: Pod,
  caller: UserRecord,
  signal: SignalRecord,
  userIds: number[],
  subscribe: boolean,
  pushed: boolean,
): Record<string, unknown> {
  const wanted = userIds.length === 0 ? [caller.id] : [...new Set(userIds)];
  const errors: Array<{ userId: number; code: string; message: string }> = [];
  for (const userId of wanted) {
    const user = pod.store.users.get(userId);
    if (!user) {
      errors.push({ userId, code: "USER_NOT_FOUND", message: `No user with id ${userId}` });
      continue;
    }
    if (userId !== caller.id && signal.ownerId !== caller.id) {
      errors.push({ userId, code: "FORBIDDEN", message: "Only the owner subscribes others" });
      continue;
    }
    if (subscribe && userId === caller.id && signal.ownerId !== caller.id && !isPublic(signal)) {
      errors.push({ userId, code: "FORBIDDEN", message: "This signal is not public" });
      continue;
    }
    const index = signal.subscribers.findIndex((s) => s.userId === userId);
    if (subscribe && index < 0) signal.subscribers.push({ userId, timestamp: pod.clock.now(), pushed });
    if (!subscribe && index >= 0) {
      if (userId === signal.ownerId) {
        errors.push({ userId, code: "OWNER", message: "The owner of a signal stays subscribed" });
        continue;
      }
      if (signal.subscribers[index]!.pushed && caller.id !== signal.ownerId) {
        errors.push({
          userId,
          code: "PUSHED",
          message: "A pushed subscription is removed by the owner only",
        });
        continue;
      }
      signal.subscribers.splice(index, 1);
    }
  }
  pod.changed({ kind: "signal", signal });
  return {
    requestedSubscription: wanted.length,
    successfulSubscription: wanted.length - errors.length,
    failedSubscription: errors.length,
    subscriptionErrors: errors,
  };
}

function isPublic(signal: SignalRecord): boolean {
  return signal.visibleOnProfile || signal.companyWide;
}

/** `Signal`. */
export function signalView(signal: SignalRecord): Record<string, unknown> {
  return {
    id: signal.id,
    name: signal.name,
    query: signal.query,
    visibleOnProfile: signal.visibleOnProfile,
    companyWide: signal.companyWide,
    timestamp: signal.timestamp,
  };
}
