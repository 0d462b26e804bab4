/**
 * The action being handled, reachable from anywhere in the handler's async call tree
 * (a schema default such as `author = currentAction()?.user`). AsyncLocalStorage, not a global:
 * actions of different conversations run interleaved.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Action } from "../actions/actions.ts";

const storage = new AsyncLocalStorage<Action>();

/** The action whose handling the caller is part of, or `undefined` outside any handler. */
export function currentAction(): Action | undefined {
  return storage.getStore();
}

export function runWithAction<R>(action: Action, fn: () => R): R {
  return storage.run(action, fn);
}
