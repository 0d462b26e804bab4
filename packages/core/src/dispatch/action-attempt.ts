/**
 * One run of an action under its claimed dedupe keys, as the adapter sending its responses sees
 * it (`currentAttempt()`): which action it is, whether it ran before, and how many responses it
 * has sent so far. With these an adapter gives the n-th response of an action the same send id
 * on every run, and looks for what an earlier run already delivered only when there was one — so
 * an answer cut short by a failure is completed on the redelivery, never doubled.
 */
export interface ActionAttempt {
  /**
   * The dedupe key naming the action most stably (the last of its keys: for a message its
   * message id, which survives a redelivery under another event id).
   */
  readonly key: string;
  /**
   * The action ran before (a claim answered `"again"`): part of its answer may have landed.
   * False on a first run — as far as the dedupe store knows (the in-memory one knows only its
   * own process).
   */
  readonly redelivered: boolean;
  /** The ordinal of the response about to be sent (0, 1, 2, …): call once per response. */
  nextResponse(): number;
}

export function newAttempt(key: string, redelivered: boolean): ActionAttempt {
  let responses = 0;
  return { key, redelivered, nextResponse: () => responses++ };
}
