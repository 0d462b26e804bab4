/**
 * Exactly-once effect over at-least-once delivery: an action runs only if all its keys could be
 * claimed; when it finishes the keys are completed (a redelivery is a duplicate), when it fails
 * they are released (the redelivery runs again and the person still gets an answer). It runs
 * under an `ActionAttempt`, which tells the adapter whether it runs again, so that what an
 * earlier run delivered before failing is not delivered twice.
 */
import type { Action } from "../actions/actions.ts";
import { currentAttempt, runWithAttempt } from "../context/current-action.ts";
import { newAttempt } from "./action-attempt.ts";
import type { Claim, DedupeStore, Refusal } from "./dedupe.ts";
import { claimKeys, completeKeys, isPending, isRefused, releaseKeys } from "./dedupe.ts";

/**
 * The keys one action is known by: the platform's event id, and for a message also its message
 * id, for a form press its submission id — the same message or press can reach the bot under two
 * event ids (e.g. cross-pod duplicates). The most stable key comes last: it names the action's
 * attempt (`ActionAttempt.key`).
 */
export function dedupeKeys(action: Action): string[] {
  return keysOf({
    platform: action.user.platform,
    kind: action.kind,
    eventId: action.eventId,
    ...(action.kind === "message" && action.messageId ? { messageId: action.messageId } : {}),
    ...(action.kind === "form" && action.submissionId ? { submissionId: action.submissionId } : {}),
  });
}

/** What names an action across its deliveries, as read from an event before it is mapped to one. */
export interface ActionIds {
  readonly platform: string;
  readonly kind: Action["kind"];
  readonly eventId: string;
  readonly messageId?: string;
  readonly submissionId?: string;
}

/** `dedupeKeys` from the ids alone (an adapter placing a raw event names it as its action will be). */
export function keysOf(ids: ActionIds): string[] {
  const keys = [`${ids.platform}:event:${ids.eventId}`];
  if (ids.kind === "message" && ids.messageId) keys.push(`${ids.platform}:message:${ids.messageId}`);
  if (ids.kind === "form" && ids.submissionId) keys.push(`${ids.platform}:submission:${ids.submissionId}`);
  return keys;
}

/**
 * Run `task` once per set of keys: `{ ran: false, refused }` (without running it) when a key is
 * `"done"` (a duplicate: acknowledge it) or `"held"` by a lease that has not run out (not a
 * duplicate: its holder may die, so leave it unacknowledged — see `HeldElsewhereError`); the task's
 * result otherwise. The claims are renewed while the task runs, so they run out only if this
 * process dies. A failure releases the keys and is rethrown. The task runs under an
 * `ActionAttempt` (`currentAttempt()`) named by the last key, `redelivered` when any key was
 * claimed `"again"` — or when it runs inside an attempt of the same key that was (an adapter's
 * shared store claimed it before the bot's own did).
 *
 * The task may call `complete` once its work is done, before it returns: the keys are completed
 * then (and not again), so that their completion goes out together with whatever the task still
 * does on its way out — with a shared store, the end of the conversation's turn: one round trip,
 * not two. A task that fails after it completed leaves its keys done.
 *
 * `claim`, when given, claims the keys in place of `claimKeys` (answering as it would; `undefined`:
 * claim as usual) — a shared order's ticket that claims and looks for the turn in one step
 * (`OrderTicket.claim`).
 */
export async function runOnce<R>(
  store: DedupeStore,
  keys: readonly string[],
  leaseMs: number,
  task: (complete: () => void | Promise<void>) => Promise<R>,
  claim?: (keys: readonly string[], leaseMs: number) => Promise<Claim> | undefined,
): Promise<RunOnce<R>> {
  for (;;) {
    const once = await claimAndRun(store, keys, leaseMs, task, claim);
    if (once.ran || once.refused === "done") return once;
    // Held by a run of this very process: its holder is alive and will complete or release the
    // key — wait for that rather than leave the event for a redelivery a visibility timeout away.
    const local = runningHere(store, keys);
    if (!local) return once;
    await local;
  }
}

type RunOnce<R> = { ran: true; result: R } | { ran: false; refused: Refusal };

/** Per store, the keys of the runs under way in this process → when that run settles. */
const running = new WeakMap<DedupeStore, Map<string, Promise<void>>>();

function runningHere(store: DedupeStore, keys: readonly string[]): Promise<void> | undefined {
  const runs = running.get(store);
  for (const key of keys) {
    const run = runs?.get(key);
    if (run) return run;
  }
  return undefined;
}

/** Marks the keys as run here until the returned function is called (once completed or released). */
function track(store: DedupeStore, keys: readonly string[]): () => void {
  let runs = running.get(store);
  if (!runs) {
    runs = new Map();
    running.set(store, runs);
  }
  const keysOf = runs;
  let finish!: () => void;
  const settled = new Promise<void>((resolve) => {
    finish = resolve;
  });
  for (const key of keys) runs.set(key, settled);
  return () => {
    for (const key of keys) if (keysOf.get(key) === settled) keysOf.delete(key);
    finish();
  };
}

async function claimAndRun<R>(
  store: DedupeStore,
  keys: readonly string[],
  leaseMs: number,
  task: (complete: () => void | Promise<void>) => Promise<R>,
  claimWith: ((keys: readonly string[], leaseMs: number) => Promise<Claim> | undefined) | undefined,
): Promise<RunOnce<R>> {
  // A store's answer is awaited only when it is a promise. The in-memory store answers at once,
  // and each needless `await` is a promise and a microtask turn per action (dearer still once
  // AsyncLocalStorage hooks every promise). It also lets the actions of one batch reach their
  // conversation queue in arrival order, whatever their number of keys.
  const pending = claimWith?.(keys, leaseMs) ?? claimKeys(store, keys, leaseMs);
  const claim = isPending(pending) ? await pending : pending;
  if (isRefused(claim)) return { ran: false, refused: claim };
  let again = claim === "again";
  // Without a key there is nothing to name the action by across runs: no attempt.
  const name = keys[keys.length - 1];
  const outer = currentAttempt();
  if (outer?.redelivered && outer.key === name) again = true;
  const finished = track(store, keys);
  let completion: { done: void | Promise<void> } | undefined;
  const complete = () => {
    if (!completion) {
      completion = { done: completeKeys(store, keys) };
      // Awaited later (below, or by the task): until then a failure must not count as unhandled.
      if (isPending(completion.done)) completion.done.then(undefined, () => undefined);
    }
    return completion.done;
  };
  try {
    let result: R;
    try {
      result = await whileRenewing(store, keys, leaseMs, () =>
        name === undefined ? task(complete) : runWithAttempt(newAttempt(name, again), () => task(complete)),
      );
    } catch (error) {
      // Completed early and failed after: a release changes nothing on a done key.
      if (completion && isPending(completion.done)) await completion.done.then(undefined, () => undefined);
      const released = releaseKeys(store, keys);
      if (isPending(released)) await released;
      throw error;
    }
    const done = complete();
    if (isPending(done)) await done;
    return { ran: true, result };
  } finally {
    finished();
  }
}

/**
 * Runs `task` while renewing its claims every third of their lease: the lease is how others tell
 * a dead holder from a live one, so it must not run out under an action that is alive — however
 * long it waits for its conversation's turn (behind a dead instance's event, up to that lease and
 * a grace) or works. Otherwise the platform's redelivery of its unacknowledged event claims it
 * "again" elsewhere and runs it alongside: that run looks for the answer before the live one has
 * posted it, and the live one, a first run, never looks — the person gets two. A renewal that
 * fails (the store away for a moment) is left to the next one.
 *
 * Renewed for `RENEWED_LEASES` leases at most: an action unfinished by then is taken for stuck (a
 * call that never returns, a turn that never comes) — its claims run out a lease later and the
 * redelivery runs it elsewhere, rather than a live but stuck process holding its events for good.
 */
/**
 * How long a live holder keeps its claims, in leases: enough to wait behind dead instances' events
 * (each holds its conversation for its lease and a grace of one more, `@sprig/redis`'s order; the
 * soak saw a live action wait eight leases) and then run.
 */
const RENEWED_LEASES = 10;

async function whileRenewing<R>(
  store: DedupeStore,
  keys: readonly string[],
  leaseMs: number,
  task: () => Promise<R>,
): Promise<R> {
  if (keys.length === 0) return task();
  const every = Math.max(1, Math.floor(leaseMs / 3));
  let renewals = Math.ceil((RENEWED_LEASES * leaseMs) / every);
  const timer = setInterval(() => {
    if (renewals-- <= 0) {
      clearInterval(timer);
      return;
    }
    for (const key of keys) {
      try {
        const renewal = store.renew(key, leaseMs);
        if (isPending(renewal)) renewal.then(undefined, () => undefined);
      } catch {
        // As a rejected renewal: the next one tries again.
      }
    }
  }, every);
  // Renewing a claim is no reason to keep the process alive.
  timer.unref?.();
  try {
    return await task();
  } finally {
    clearInterval(timer);
  }
}
