/**
 * The action being handled, reachable from anywhere in the handler's async call tree
 * (a schema default such as `author = currentAction()?.user`), and the attempt it runs under
 * (`currentAttempt()`, for the adapter sending its responses). AsyncLocalStorage, not a global:
 * actions of different conversations run interleaved. One storage for both, as every
 * AsyncLocalStorage in use adds work to every promise of the process (Node 20).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Action } from "../actions/actions.ts";
import type { ActionAttempt } from "../dispatch/action-attempt.ts";

interface Frame {
  readonly action: Action | undefined;
  readonly attempt: ActionAttempt | undefined;
}

const storage = new AsyncLocalStorage<Frame>();

/** The action whose handling the caller is part of, or `undefined` outside any handler. */
export function currentAction(): Action | undefined {
  return storage.getStore()?.action;
}

/** The attempt of the action being handled (see `ActionAttempt`), or `undefined` outside one. */
export function currentAttempt(): ActionAttempt | undefined {
  return storage.getStore()?.attempt;
}

/** Run `fn` as part of `action`, under the attempt it was entered in (if any). */
export function runWithAction<R>(action: Action, fn: () => R): R {
  return storage.run({ action, attempt: storage.getStore()?.attempt }, fn);
}

/** Run `fn` under `attempt`: what `runOnce` does around the action's task. */
export function runWithAttempt<R>(attempt: ActionAttempt, fn: () => R): R {
  return storage.run({ action: undefined, attempt }, fn);
}
