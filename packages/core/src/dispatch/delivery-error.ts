/**
 * A response the platform did not accept (its adapter gave up after its own retries). Unlike a
 * handler's error, this is not answered in chat: the action fails as a whole, its dedupe keys are
 * released, and the platform's redelivery runs it again so the person still gets an answer.
 */
import { SprigError } from "../errors/errors.ts";

export const DELIVERY_FAILED = "sprig.delivery_failed";

export class DeliveryError extends SprigError {
  constructor(cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      DELIVERY_FAILED,
      `A response could not be delivered (${reason}); the action will run again when the platform redelivers it.`,
      { cause },
    );
    this.name = "DeliveryError";
  }
}

export function isDeliveryError(error: unknown): error is DeliveryError {
  return error instanceof DeliveryError;
}

export const UNDELIVERABLE = "sprig.undeliverable";

/**
 * A response the platform refused for good (invalid markup, too large, not allowed there): sending
 * it again would fail again, so the action is not retried — it fails like a handler error, and the
 * person is told something went wrong. Adapters throw it from `send` for such refusals.
 */
export class UndeliverableError extends SprigError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(UNDELIVERABLE, message, options);
    this.name = "UndeliverableError";
  }
}

export const HELD_ELSEWHERE = "sprig.held_elsewhere";

/**
 * The action is being handled under a claim that has not run out — by another instance sharing
 * the dedupe store, or by one that died mid-handling. It is not a duplicate: acknowledging it would
 * lose it if the holder never finishes. The adapter leaves the event unacknowledged instead, so
 * the platform delivers it again; by then it is done (a duplicate) or its lease has run out (it
 * runs again, here or elsewhere).
 */
export class HeldElsewhereError extends SprigError {
  readonly key: string;
  constructor(key: string) {
    super(
      HELD_ELSEWHERE,
      `The event "${key}" is being handled under another claim; it is left unacknowledged, so the platform delivers it again once that claim is done or has run out.`,
    );
    this.name = "HeldElsewhereError";
    this.key = key;
  }
}

export function isHeldElsewhere(error: unknown): error is HeldElsewhereError {
  return error instanceof HeldElsewhereError;
}
