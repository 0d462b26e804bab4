import type { Action } from "@sprig/core";
import type { EventsHandler } from "../datafeed/datafeed-loop.ts";
import { isSymphonyError } from "../errors/symphony-error.ts";
import type { Logger } from "../logging/logger.ts";
import { silentLogger } from "../logging/logger.ts";
import type { V4Event } from "../rest/wire-types.ts";
import type { EventMapper } from "./event-to-action.ts";

export interface BatchHandlerOptions {
  readonly mapper: Pick<EventMapper, "toAction">;
  /**
   * Handles one action to the end (e.g. `bot.handle`): responses sent when it resolves. `event` is
   * the datafeed event it was mapped from.
   */
  readonly handleAction: (action: Action, event: V4Event) => Promise<unknown>;
  readonly logger?: Logger;
}

/**
 * The datafeed's `onEvents`: maps a batch to actions in delivery order and starts them all at once —
 * core keeps the order within a conversation and runs conversations in parallel — then resolves when
 * every one has finished, so the batch is acknowledged only then. A malformed event, or one whose
 * mapping met a 4xx (a permanent refusal: 401 and 429 are retried below), is logged and dropped
 * (delivering it again would not mend it); any other failure rejects, so the batch comes back
 * (the bot's dedupe keeps the actions that did finish from running twice).
 *
 * It rejects only once every action it started has settled: a mapping failure of a later event
 * (a 5xx while the pod is down) stops the mapping, but the actions already under way are awaited —
 * left alone, one rejecting later would be an unhandled rejection, which ends a Node process.
 */
export function createBatchHandler(options: BatchHandlerOptions): EventsHandler {
  const logger = options.logger ?? silentLogger();
  return async (events) => {
    const work: Promise<unknown>[] = [];
    let mappingFailure: { error: unknown } | undefined;
    for (const event of events) {
      let action: Action | undefined;
      try {
        action = await options.mapper.toAction(event);
      } catch (error) {
        if (isSymphonyError(error, "EVENT_MALFORMED")) {
          logger.warn(
            { err: error, eventId: event.id, type: event.type },
            "malformed datafeed event skipped",
          );
          continue;
        }
        // A 4xx while reading what the event needs (a stream the bot left…) will not mend on redelivery.
        if (isSymphonyError(error, "HTTP_CLIENT_ERROR")) {
          logger.warn(
            { err: error, eventId: event.id, type: event.type },
            "datafeed event skipped: the pod refused what it needs",
          );
          continue;
        }
        mappingFailure = { error };
        break;
      }
      if (action) {
        const handling = options.handleAction(action, event);
        // Observed at once: it may fail while a later event is still being mapped (a shared store
        // offline fails a claim at once), before allSettled below looks — Node would end the process.
        handling.catch(() => {});
        work.push(handling);
      }
    }
    const results = await Promise.allSettled(work);
    if (mappingFailure) throw mappingFailure.error;
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
  };
}
