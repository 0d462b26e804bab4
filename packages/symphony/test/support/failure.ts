import type { SymphonyError } from "../../src/index.ts";

/** The error `promise` rejects with (a `SymphonyError` unless said otherwise); throws if it resolves instead. */
export async function failure<E = SymphonyError>(promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error("expected a failure");
}
