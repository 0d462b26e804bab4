import { badRequest, forbidden, notFound } from "../http/api-error.ts";
import type { Pod } from "../runtime/pod.ts";
import { PodStore } from "../store/pod-store.ts";
import type { ConnectionRecord, UserRecord } from "../store/records.ts";
import { v4User } from "../users/user-views.ts";

/**
 * Connections between people, as the pod keeps them. Colleagues (no `external` flag) are connected
 * implicitly; an external person and a colleague need a connection, asked for by one and accepted
 * by the other, before they can share a 1:1 or group chat.
 */

export type ConnectionStatus = "PENDING_INCOMING" | "PENDING_OUTGOING" | "ACCEPTED" | "REJECTED";
export const CONNECTION_STATUSES: readonly ConnectionStatus[] = [
  "PENDING_INCOMING",
  "PENDING_OUTGOING",
  "ACCEPTED",
  "REJECTED",
];

const keyOf = PodStore.connectionKey;

export function connectionBetween(pod: Pod, a: number, b: number): ConnectionRecord | undefined {
  return pod.store.connections.get(keyOf(a, b));
}

/** Colleagues are connected implicitly; anyone else through an accepted request. */
export function areConnected(pod: Pod, a: UserRecord, b: UserRecord): boolean {
  if (a.id === b.id || (!a.external && !b.external)) return true;
  return connectionBetween(pod, a.id, b.id)?.status === "ACCEPTED";
}

/** Refuses a conversation between people who are not connected (403, as the pod does). */
export function requireConnected(pod: Pod, users: readonly UserRecord[]): void {
  for (const [i, a] of users.entries()) {
    for (const b of users.slice(i + 1)) {
      if (!areConnected(pod, a, b)) {
        throw forbidden(
          `${a.username} and ${b.username} are not connected: an external user needs an accepted connection request first`,
          "NOT_CONNECTED",
        );
      }
    }
  }
}

/** `UserConnection` as `caller` sees it: the other person, and the status from the caller's side. */
export function connectionView(record: ConnectionRecord, callerId: number): Record<string, unknown> {
  const outgoing = record.requesterId === callerId;
  const status =
    record.status === "PENDING" ? (outgoing ? "PENDING_OUTGOING" : "PENDING_INCOMING") : record.status;
  return {
    userId: outgoing ? record.targetId : record.requesterId,
    status,
    firstRequestedAt: record.firstRequestedAt,
    updatedAt: record.updatedAt,
    requestCounter: record.requestCounter,
  };
}

/** `requester` asks `target` to connect; the target hears of it (CONNECTIONREQUESTED). */
export function requestConnection(pod: Pod, requester: UserRecord, target: UserRecord): ConnectionRecord {
  if (requester.id === target.id) throw badRequest("A user cannot connect to themself", "INVALID_FIELD");
  const now = pod.clock.now();
  const existing = connectionBetween(pod, requester.id, target.id);
  if (existing?.status === "ACCEPTED") return existing;
  if (existing?.status === "PENDING" && existing.targetId === requester.id) {
    // Both asked: the second request is the answer to the first.
    return acceptConnection(pod, requester, pod.store.requireUser(existing.requesterId));
  }
  if (!requester.external && !target.external) {
    throw badRequest(
      `${requester.username} and ${target.username} are connected already (same pod)`,
      "ALREADY_CONNECTED",
    );
  }
  const record: ConnectionRecord = {
    requesterId: requester.id,
    targetId: target.id,
    status: "PENDING",
    firstRequestedAt: existing?.firstRequestedAt ?? now,
    updatedAt: now,
    requestCounter: (existing?.requestCounter ?? 0) + 1,
  };
  pod.store.connections.set(keyOf(requester.id, target.id), record);
  pod.changed({ kind: "connection", connection: record });
  pod.hub.publish(pod.events.create("CONNECTIONREQUESTED", requester, { toUser: v4User(target) }), [
    target.id,
  ]);
  return record;
}

/**
 * `caller` accepts the request `requester` sent; both hear of it (CONNECTIONACCEPTED). Accepting an
 * accepted connection again changes nothing (a bot's redelivered event accepts twice).
 */
export function acceptConnection(pod: Pod, caller: UserRecord, requester: UserRecord): ConnectionRecord {
  const record = pendingFor(pod, caller, requester);
  if (record.status === "ACCEPTED") return record;
  record.status = "ACCEPTED";
  record.updatedAt = pod.clock.now();
  pod.changed({ kind: "connection", connection: record });
  pod.hub.publish(pod.events.create("CONNECTIONACCEPTED", caller, { fromUser: v4User(requester) }), [
    requester.id,
    caller.id,
  ]);
  return record;
}

/** `caller` turns down the request `requester` sent. Rejecting again changes nothing. */
export function rejectConnection(pod: Pod, caller: UserRecord, requester: UserRecord): ConnectionRecord {
  const record = pendingFor(pod, caller, requester);
  if (record.status === "ACCEPTED") {
    throw badRequest(
      `The connection with ${requester.username} is accepted already: remove it instead`,
      "ALREADY_CONNECTED",
    );
  }
  record.status = "REJECTED";
  record.updatedAt = pod.clock.now();
  pod.changed({ kind: "connection", connection: record });
  return record;
}

/** Ends an accepted connection (either side may). */
export function removeConnection(pod: Pod, caller: UserRecord, other: UserRecord): void {
  const record = connectionBetween(pod, caller.id, other.id);
  if (record?.status !== "ACCEPTED")
    throw badRequest(`${caller.username} is not connected to ${other.username}`, "NOT_CONNECTED");
  pod.store.connections.delete(keyOf(caller.id, other.id));
  pod.changed({ kind: "connectionRemoved", requesterId: record.requesterId, targetId: record.targetId });
}

function pendingFor(pod: Pod, caller: UserRecord, requester: UserRecord): ConnectionRecord {
  const record = connectionBetween(pod, caller.id, requester.id);
  if (!record || record.requesterId !== requester.id) {
    throw notFound(`No connection request from ${requester.username} to ${caller.username}`);
  }
  return record;
}
