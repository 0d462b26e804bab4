import { randomUUID } from "node:crypto";
import { parseEntityJSON } from "@sprig/messageml";
import type { RetryConfig } from "../config/config-types.ts";
import { isSymphonyError, SymphonyError } from "../errors/symphony-error.ts";
import { backoffDelay, mayRetry } from "../http/backoff.ts";
import { type Clock, systemClock } from "../http/clock.ts";
import { SymphonyHttpError } from "../http/http-error.ts";
import { mayWaitFor } from "../http/retry-deadline.ts";
import type { Logger } from "../logging/logger.ts";
import { silentLogger } from "../logging/logger.ts";
import type { MessagesApi, OutgoingMessage } from "../rest/messages-api.ts";
import type { V4Message } from "../rest/wire-types.ts";

/**
 * The key of the send id in a message's EntityJSON. Its value is a structured object of a `sprig.`
 * type, so history never takes it for a work object, and no template names it.
 */
export const SEND_ID_KEY = "sprigSend";
export const SEND_ID_TYPE = "sprig.send";
const SEND_ID_VERSION = "1.0";

/** Listing page size and pages read per lookup: the lookup is bounded. */
const LOOKUP_PAGE = 100;
const LOOKUP_PAGES = 20;

/** How far the pod's clock may be from ours, by default (its message times are its own). */
export const DEFAULT_CLOCK_SKEW_MS = 60_000;

export interface OnceSenderOptions {
  readonly messages: Pick<MessagesApi, "send" | "update" | "list">;
  /** Attempts and backoff of the create (the REST client's policy). */
  readonly retry: RetryConfig;
  /** The bot's user id: only its own messages can be the one sent. */
  readonly botUserId?: number;
  readonly clock?: Clock;
  /** A new unique id per send that names none (random UUIDs by default). */
  readonly newSendId?: () => string;
  readonly logger?: Logger;
  /**
   * The lookup lists messages from this long before the send started: the pod stamps messages
   * with its own clock, which may be behind ours.
   */
  readonly clockSkewMs?: number;
  /** The bot's shutdown: cuts the wait between attempts short (the REST calls have it already). */
  readonly signal?: AbortSignal;
}

export type OnceMessage = Omit<OutgoingMessage, "data"> & { readonly data?: Record<string, unknown> };

/** What a send knows of the action it answers. */
export interface SendPlan {
  /** The send id, the same on every run of the action (see `sendIdFor`); a new one by default. */
  readonly sendId?: string;
  /**
   * The earliest this message can have been posted (ms, the pod's clock: the event's own time);
   * lookups start there (less the clock skew allowance) instead of at this send's start.
   */
  readonly since?: number;
  /**
   * The action ran before (a redelivery): its earlier run may have posted this very message.
   * Looked for before the first attempt; found, it is not posted again.
   */
  readonly ranBefore?: boolean;
}

/**
 * Sends (or updates) a message exactly once. Message create is not idempotent on Symphony, and
 * an answer can be lost after the pod stored the message (a dropped connection, a timeout, a
 * gateway's 502/504): retrying blindly posts it twice. So every send carries a send id in its
 * data, and after such an ambiguous failure the stream is listed (the bot's messages, since the
 * action's event or else since the send started, less a clock-skew allowance; bounded pages) for
 * that id before the create is tried again; found, the send is done. 429 is
 * not ambiguous (the request was refused before any work) and is retried by the REST client,
 * honouring Retry-After.
 *
 * A redelivered action's message (`ranBefore`) is looked for before its first attempt too: with the
 * same send id as on its earlier run, what that run delivered before failing is found, not
 * posted twice. A first run makes no lookup: the common case costs one create.
 *
 * An update replaces the form message with a new version (a new message id, in the listing in
 * place of the old one); it is made safe the same way, and a refused update (the message is
 * already replaced — by our own earlier attempt?) is looked for before it counts as refused.
 */
export class OnceSender {
  readonly #clock: Clock;
  readonly #newSendId: () => string;
  readonly #logger: Logger;
  readonly #skew: number;

  constructor(private readonly options: OnceSenderOptions) {
    this.#clock = options.clock ?? systemClock;
    this.#newSendId = options.newSendId ?? randomUUID;
    this.#logger = options.logger ?? silentLogger();
    this.#skew = options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;
  }

  /** Post a new message to the stream. */
  send(streamId: string, message: OnceMessage, plan: SendPlan = {}): Promise<V4Message> {
    return this.#once(streamId, message, plan, "send message", (outgoing) =>
      this.options.messages.send(streamId, outgoing, NO_BLIND_RETRY),
    );
  }

  /** Replace the bot's message `messageId` with a new version. */
  update(streamId: string, messageId: string, message: OnceMessage, plan: SendPlan = {}): Promise<V4Message> {
    return this.#once(streamId, message, plan, "update message", async (outgoing) => {
      try {
        return await this.options.messages.update(streamId, messageId, outgoing, NO_BLIND_RETRY);
      } catch (error) {
        throw isClientRefusal(error) ? new RefusedUpdate(error) : error;
      }
    });
  }

  async #once(
    streamId: string,
    message: OnceMessage,
    plan: SendPlan,
    operation: string,
    post: (outgoing: OutgoingMessage) => Promise<V4Message>,
  ): Promise<V4Message> {
    const sendId = plan.sendId ?? this.#newSendId();
    const outgoing = { ...message, data: withSendId(message.data, sendId) };
    const since = Math.min(this.#clock.now(), plan.since ?? Number.POSITIVE_INFINITY) - this.#skew;
    if (plan.ranBefore) {
      // A failing lookup throws: the action fails and is redelivered, rather than risk a double.
      const landed = await this.#find(streamId, sendId, since);
      if (landed) {
        this.#logger.info({ operation }, "delivered by an earlier run of the action: not sent again");
        return landed;
      }
    }
    for (let attempt = 1; ; attempt++) {
      let failure: unknown;
      try {
        return await post(outgoing);
      } catch (error) {
        if (error instanceof RefusedUpdate) {
          const landed = await this.#find(streamId, sendId, since);
          if (landed) return landed;
          throw error.cause;
        }
        if (!isAmbiguous(error)) throw error;
        failure = error;
      }
      // Give the pod time to finish what it may still be storing before looking — unless that
      // wait would outlast the action's lease: then fail now (the redelivery looks first).
      const wait = backoffDelay(this.options.retry, attempt, this.#clock.random?.bind(this.#clock));
      if (!mayWaitFor(wait, this.#clock.now())) throw failure;
      await this.#clock.sleep(wait, this.options.signal).catch(() => {
        throw new SymphonyError("ABORTED", `${operation} was cancelled: the bot is stopping.`);
      });
      // A lookup that fails (after the REST client's own retries) throws: better no answer now,
      // redelivered later, than a second copy.
      const landed = await this.#find(streamId, sendId, since);
      if (landed) {
        this.#logger.info({ operation, attempt }, "the answer was lost but the message was stored");
        return landed;
      }
      if (!mayRetry(this.options.retry, attempt)) throw failure;
      this.#logger.warn({ operation, attempt }, "the message was not stored: sending again");
    }
  }

  /** The bot's message carrying the send id, in the stream since `since`. */
  async #find(streamId: string, sendId: string, since: number): Promise<V4Message | undefined> {
    for (let page = 0; page < LOOKUP_PAGES; page++) {
      const messages = await this.options.messages.list(streamId, {
        since,
        skip: page * LOOKUP_PAGE,
        limit: LOOKUP_PAGE,
      });
      const found = messages.find((m) => this.#isOurs(m) && sendIdOf(m.data) === sendId);
      if (found) return found;
      if (messages.length < LOOKUP_PAGE) return undefined;
    }
    return undefined;
  }

  #isOurs(message: V4Message): boolean {
    const { botUserId } = this.options;
    return botUserId === undefined || message.user?.userId === botUserId;
  }
}

const NO_BLIND_RETRY = { retryAmbiguous: false } as const;

/** An update the agent refused (4xx): maybe because our own earlier attempt replaced the message. */
class RefusedUpdate extends Error {
  constructor(override readonly cause: unknown) {
    super("update refused");
  }
}

/** The data with the send id added under its reserved key (the caller's object is not changed). */
export function withSendId(
  data: Record<string, unknown> | undefined,
  sendId: string,
): Record<string, unknown> {
  return { ...data, [SEND_ID_KEY]: { type: SEND_ID_TYPE, version: SEND_ID_VERSION, id: sendId } };
}

/** The send id a message's data carries, if any (unreadable data carries none). */
export function sendIdOf(data: string | Record<string, unknown> | undefined): string | undefined {
  let entities: Record<string, unknown>;
  try {
    entities = parseEntityJSON(data);
  } catch {
    return undefined;
  }
  const entry = entities[SEND_ID_KEY] as { type?: unknown; id?: unknown } | undefined;
  return entry?.type === SEND_ID_TYPE && typeof entry.id === "string" ? entry.id : undefined;
}

/** 400 / 404 / 409: the agent did not take the update (401 and 429 are the REST client's). */
function isClientRefusal(error: unknown): boolean {
  return error instanceof SymphonyHttpError && [400, 404, 409].includes(error.status);
}

/** A failure after which the message may or may not have been stored. */
function isAmbiguous(error: unknown): boolean {
  if (isSymphonyError(error, "HTTP_NETWORK_ERROR")) return true;
  return error instanceof SymphonyHttpError && error.status >= 500;
}
