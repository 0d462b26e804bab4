/**
 * Exactly-once effect over at-least-once delivery: an action runs only if all its keys could be
 * claimed; when it finishes the keys are completed (a redelivery is a duplicate), when it fails
 * they are released (the redelivery runs again and the person still gets an answer). It runs
 * under an `ActionAttempt`, which tells the adapter whether it runs again, so that what an
 * earlier run delivered before failing is not delivered twice.
 */
import type { Action } from "../actions/actions.ts";
import { runWithAttempt } from "../context/current-action.ts";
import { newAttempt } from "./action-attempt.ts";
import type { DedupeStore } from "./dedupe.ts";

/**
 * The keys one action is known by: the platform's event id, and for a message also its message
 * id — the same message can reach the bot under two event ids (e.g. cross-pod duplicates). The
 * most stable key comes last: it names the action's attempt (`ActionAttempt.key`).
 */
export function dedupeKeys(action: Action): string[] {
  const platform = action.user.platform;
  const keys = [`${platform}:event:${action.eventId}`];
  if (action.kind === "message" && action.messageId) keys.push(`${platform}:message:${action.messageId}`);
  return keys;
}

/**
 * Run `task` once per set of keys: `{ ran: false }` (without running it) when any key is done or
 * held elsewhere; the task's result otherwise. A failure releases the keys and is rethrown. The
 * task runs under an `ActionAttempt` (`currentAttempt()`) named by the last key, `redelivered`
 * when any key was claimed `"again"`.
 */
export async function runOnce<R>(
  store: DedupeStore,
  keys: readonly string[],
  leaseMs: number,
  task: () => Promise<R>,
): Promise<{ ran: true; result: R } | { ran: false }> {
  // A store's answer is awaited only when it is a promise. The in-memory store answers at once,
  // and each needless `await` is a promise and a microtask turn per key per action (dearer still
  // once AsyncLocalStorage hooks every promise). It also lets the actions of one batch reach their
  // conversation queue in arrival order, whatever their number of keys.
  const held: string[] = [];
  let again = false;
  for (const key of keys) {
    const pending = store.claim(key, leaseMs);
    const claim = isPending(pending) ? await pending : pending;
    if (!claim) {
      await releaseAll(store, held);
      return { ran: false };
    }
    if (claim === "again") again = true;
    held.push(key);
  }
  // Without a key there is nothing to name the action by across runs: no attempt.
  const name = keys[keys.length - 1];
  let result: R;
  try {
    result = await (name === undefined ? task() : runWithAttempt(newAttempt(name, again), task));
  } catch (error) {
    await releaseAll(store, held);
    throw error;
  }
  for (const key of held) {
    const completion = store.complete(key);
    if (isPending(completion)) await completion;
  }
  return { ran: true, result };
}

async function releaseAll(store: DedupeStore, keys: readonly string[]): Promise<void> {
  for (const key of keys) {
    const release = store.release(key);
    if (isPending(release)) await release;
  }
}

/** A promise or any thenable (a store may use another promise library). */
function isPending<T>(answer: T | PromiseLike<T>): answer is PromiseLike<T> {
  return typeof (answer as { then?: unknown } | null | undefined)?.then === "function";
}
