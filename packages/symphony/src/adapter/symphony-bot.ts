import { setMaxListeners } from "node:events";
import {
  type Action,
  type Bot,
  DEFAULT_LEASE_MS,
  type DedupeStore,
  dedupeKeys,
  HeldElsewhereError,
  type OrderTicket,
  runOnce,
  User,
} from "@sprig/core";
import type { OboUser } from "../auth/obo-session.ts";
import type { SymphonyConfig } from "../config/config-types.ts";
import { loadConfig } from "../config/load-config.ts";
import type { OboConnection } from "../connection/obo-connection.ts";
import { SymphonyConnection, type SymphonyConnectionOptions } from "../connection/symphony-connection.ts";
import { type ConnectionOptions, connectionRequestHandler } from "../connections/connection-requests.ts";
import { ImStreams } from "../conversations/im-streams.ts";
import { SymphonyConversations } from "../conversations/symphony-conversations.ts";
import { userFromPod } from "../conversations/symphony-users.ts";
import type { DatafeedLoop, EventsHandler } from "../datafeed/datafeed-loop.ts";
import { DatafeedV1Loop } from "../datafeed/datafeed-v1-loop.ts";
import { DatafeedV2Loop } from "../datafeed/datafeed-v2-loop.ts";
import { isSymphonyError, SymphonyError } from "../errors/symphony-error.ts";
import { createBatchHandler } from "../events/batch-handler.ts";
import { EventMapper } from "../events/event-to-action.ts";
import { formMessageReader } from "../events/form-message-reader.ts";
import { StreamTypeCache } from "../events/stream-types.ts";
import { SYMPHONY_PLATFORM } from "../events/symphony-user.ts";
import { SymphonyHistory } from "../history/symphony-history.ts";
import { systemClock } from "../http/clock.ts";
import { RETRY_SHARE_OF_LEASE, withRetryDeadline } from "../http/retry-deadline.ts";
import type { Logger } from "../logging/logger.ts";
import { BotMetrics } from "../operations/bot-metrics.ts";
import { FeedWatch } from "../operations/feed-watch.ts";
import { type HealthEndpoint, type HealthOptions, startHealthServer } from "../operations/health-server.ts";
import { SymphonyRenderer } from "../render/symphony-renderer.ts";
import type { DatafeedApi } from "../rest/datafeed-api.ts";
import { toUrlSafeId } from "../rest/stream-id.ts";
import type { V4Event, V4Message } from "../rest/wire-types.ts";
import { readingInTurn } from "../scale/read-in-turn.ts";
import { ReadPlaces } from "../scale/read-places.ts";
import {
  openSharedRedis,
  readingWhileAvailable,
  type SharedState,
  waitingForRedis,
} from "../scale/shared-redis.ts";
import { ChatNames } from "./chat-names.ts";
import { DEFAULT_CLOCK_SKEW_MS, OnceSender } from "./once-sender.ts";
import { ProcessStart } from "./process-start.ts";
import { SentMessages } from "./sent-messages.ts";
import { SymphonyPlatform } from "./symphony-platform.ts";

export interface SymphonyOptions {
  /** A BDK-style YAML config file, or a config already resolved. */
  readonly config: string | SymphonyConfig;
  /**
   * Where the adapter logs: by default a pino logger on stdout. Any logger given (`createLogger(…)`,
   * core's, any object of the pino call shape) gets the connection's tokens and keys blanked out of
   * every line the adapter writes through it.
   */
  readonly logger?: Logger;
  /** Folder of custom `.ftl` templates, by template name. */
  readonly templatesDir?: string;
  /**
   * A shared idempotency store (e.g. Redis) when several instances read one fanout feed: every
   * action is claimed there (event id and message id) before the bot sees it.
   */
  readonly dedupe?: DedupeStore;
  /**
   * How long a claim of an action holds (default core's 120 s). Give the bot's own `dedupeLeaseMs`
   * the same value. An action's retries (sends, lookups) stop at three quarters of it: past the
   * lease a redelivery would run the action a second time alongside.
   */
  readonly dedupeLeaseMs?: number;
  /** After a button press, a work response of the form's type replaces the form message. */
  readonly updateFormInPlace?: boolean;
  /** Where history reads from: message search (default) or the stream's message listing. */
  readonly historySource?: "search" | "listing";
  /**
   * `"trust"`: this instance is the only reader of the bot's feed, so its history cache sees all the
   * state the bot posts and answers repeated lookups alone. `"verify"`: other instances post too;
   * each lookup first asks the pod for anything newer than the cache's newest entry (one small
   * call). Default: `"verify"` when a shared `dedupe` store is given (several instances), else `"trust"`.
   * With a Redis in the config, the newest record (`history.latest`) comes from the history cache
   * the instances share in it (one Redis read, no pod call); this then applies to pages (`all`).
   */
  readonly historyCache?: "trust" | "verify";
  /**
   * The unique id of a message sent outside any action (`bot.send`), found again after a lost
   * answer (random UUIDs by default). An action's responses get ids derived from the action
   * (`sendIdFor`), the same on every redelivery.
   */
  readonly newSendId?: () => string;
  /** Replaces the default `SymphonyRenderer`. */
  readonly renderer?: Pick<SymphonyRenderer, "render">;
  /** Clock and secrets of the connection. */
  readonly connection?: Omit<SymphonyConnectionOptions, "logger" | "signal">;
  /** On stop, how long the read acknowledging the last batch may take (ms). */
  readonly finalAckTimeoutMs?: number;
  /**
   * How long `stop()` lets the batch in hand finish (ms, default 20 000: under the 30 s a
   * container platform gives between SIGTERM and SIGKILL). Then every call and retry still under
   * way is cancelled and the batch is left unacknowledged — the datafeed delivers it again, and
   * what its actions did post is found, not posted twice. `stop()` resolves within this, plus
   * `finalAckTimeoutMs` for acknowledging the last batch.
   */
  readonly stopGraceMs?: number;
  /**
   * How far the pod's clock may be from this machine's (ms, default 60 000). Looking for what was
   * already posted, the adapter reads this far back. (Which events an earlier process may have
   * handled is decided on the pod's own clock — see "Restarts" in the README — and on this
   * allowance only when the pod's answers carry no `Date`.)
   */
  readonly clockSkewMs?: number;
  /**
   * Connection requests to the bot (an external user must be connected before a 1:1):
   * `{ policy: "accept-all" | "reject-all" | "manual" | (user) => boolean, onRequest }`.
   * Without it, requests are left pending (and still reach `bot.on("event")` as "connection-requested").
   */
  readonly connections?: ConnectionOptions;
  /**
   * An HTTP endpoint for probes and Prometheus: `/health/live`, `/health/ready` (datafeed open, its
   * last read recent, pod reachable) and `/metrics`. Off unless given; see `running.health`.
   */
  readonly health?: HealthOptions;
}

const DEFAULT_STOP_GRACE_MS = 20_000;

export interface SymphonyBot {
  /**
   * Logs in, attaches the bot, opens the datafeed; resolves once the feed is open and being read
   * (events sent from then on reach the bot). The loop runs on until `stop()`.
   */
  start(): Promise<void>;
  /**
   * No new reads; the batch in hand finishes and is acknowledged; the HTTP client is closed. A
   * `start()` still under way (logging in, opening the feed while the pod fails) is cancelled. A
   * batch not finished within `stopGraceMs` is cancelled and left for redelivery.
   */
  stop(): Promise<void>;
  /**
   * Resolves when the datafeed loop has ended (after `stop()`), rejects if it failed for good (the
   * adapter logs why at error level). A bot that never reads `done` still ends non-zero then: the
   * adapter sets `process.exitCode = 1` (unless it is set already).
   */
  readonly done: Promise<void>;
  /** The connection (REST APIs, session), once started. */
  readonly connection: SymphonyConnection;
  /** The platform adapter attached to the bot, once started. */
  readonly platform: SymphonyPlatform;
  /** The health endpoint (with `health` in the options), once started. */
  readonly health: HealthEndpoint | undefined;
  /**
   * The same services (messages, streams, users, connections) acting as `user` — a user id, a
   * username, or a user such as `action.user` — through the config's extension app (`app.appId`,
   * `app.privateKey`), once started. Rejects with `AUTH_REJECTED` when the pod refuses (unknown
   * user, app not entitled to act for them).
   */
  onBehalfOf(user: OboUser): Promise<OboConnection>;
}

/**
 * The bot on Symphony: `await symphony(bot, { config: "config.yaml" }).start()`. Same bot,
 * unchanged, against the emulator or a real pod.
 */
// biome-ignore lint/suspicious/noExplicitAny: any bot, whatever its services.
export function symphony(bot: Bot<never> | Bot<any>, options: SymphonyOptions): SymphonyBot {
  return new SymphonyRunner(bot as Bot<never>, options);
}

class SymphonyRunner implements SymphonyBot {
  #connection: SymphonyConnection | undefined;
  #platform: SymphonyPlatform | undefined;
  #loop: DatafeedLoop | undefined;
  #starting: Promise<void> | undefined;
  #chatNames: ChatNames | undefined;
  #stopped = false;
  #started = false;
  /** Fired by `stop()`: cancels every REST call and retry wait of the connection. */
  readonly #shutdown = unlimitedListeners(new AbortController());
  #health: HealthEndpoint | undefined;
  /** The Redis shared with the other instances (config `redis`), once started. */
  #shared: SharedState | undefined;
  readonly #metrics: BotMetrics | undefined;
  /** Whether anyone asked for `done` (and so learns of a failure of the loop from it). */
  #doneWatched = false;
  readonly #done: { promise: Promise<void>; settle: (run: Promise<void>) => void };

  constructor(
    private readonly bot: Bot<never>,
    private readonly options: SymphonyOptions,
  ) {
    let settle!: (run: Promise<void>) => void;
    const promise = new Promise<void>((resolve, reject) => {
      settle = (run) => run.then(resolve, reject);
    });
    // Nobody may be listening: a failure is also reported by start() or logged by the loop.
    promise.catch(() => undefined);
    this.#done = { promise, settle };
    this.#metrics = options.health ? new BotMetrics() : undefined;
  }

  /** The shared dedupe store: the one given, else the config's Redis's (several instances). */
  get #dedupe(): DedupeStore | undefined {
    return this.options.dedupe ?? this.#shared?.dedupe;
  }

  get health(): HealthEndpoint | undefined {
    return this.#health;
  }

  get connection(): SymphonyConnection {
    if (!this.#connection) throw notStarted("connection");
    return this.#connection;
  }

  get platform(): SymphonyPlatform {
    if (!this.#platform) throw notStarted("platform");
    return this.#platform;
  }

  get done(): Promise<void> {
    this.#doneWatched = true;
    return this.#done.promise;
  }

  onBehalfOf(user: OboUser): Promise<OboConnection> {
    return this.connection.onBehalfOf(user);
  }

  start(): Promise<void> {
    this.#starting ??= this.#start().then(
      () => {
        this.#started = true;
      },
      async (error: unknown) => {
        // Cancelled by stop(): not a failure, the bot just never ran.
        if (this.#stopped && isSymphonyError(error, "ABORTED")) {
          await this.#health?.close();
          await this.#shared?.close();
          this.#done.settle(Promise.resolve());
          return;
        }
        // No loop will run: whoever waits on `done` learns why; no endpoint keeps the process alive.
        await this.#health?.close();
        await this.#shared?.close();
        this.#done.settle(Promise.reject(error));
        throw error;
      },
    );
    return this.#starting;
  }

  async stop(): Promise<void> {
    if (this.#stopped) return this.#done.promise.catch(() => undefined);
    this.#stopped = true;
    if (this.#starting && !this.#started) {
      // start() may be retrying forever against a failing pod: cancel it (the loop first, so it
      // knows the abort is a stop and not a failure).
      void this.#loop?.stop();
      this.#shutdown.abort(stopping());
    }
    await this.#starting?.catch(() => undefined);
    await this.#stopLoop();
    this.#shutdown.abort(stopping());
    await this.#health?.close();
    await this.#connection?.close();
    await this.#shared?.close();
  }

  /** Lets the batch in hand finish within the grace period; then cancels it, unacknowledged. */
  async #stopLoop(): Promise<void> {
    const loop = this.#loop;
    if (!loop) return;
    const ended = loop.stop();
    const graceMs = this.options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS;
    const clock = this.options.connection?.clock ?? systemClock;
    const timer = new AbortController();
    const graceOver = clock.sleep(graceMs, timer.signal).then(
      () => true,
      () => false,
    );
    const late = await Promise.race([ended.then(() => false), graceOver]);
    timer.abort();
    if (!late) return;
    this.#connection?.logger.warn(
      { graceMs },
      "the batch in hand outlived the stop grace period: its calls are cancelled and it is left for redelivery",
    );
    this.#shutdown.abort(stopping());
    loop.abandon();
    await ended;
  }

  async #start(): Promise<void> {
    const config =
      typeof this.options.config === "string" ? await loadConfig(this.options.config) : this.options.config;
    const metrics = this.#metrics;
    const connection = new SymphonyConnection(config, {
      ...this.options.connection,
      signal: this.#shutdown.signal,
      ...(this.options.logger ? { logger: this.options.logger } : {}),
      ...(metrics ? { onRetry: (operation: string) => metrics.retried(operation) } : {}),
    });
    this.#connection = connection;
    // Before anything is read: without the Redis it names, the config's guarantees cannot be kept.
    if (config.redis) {
      const lease = this.options.dedupeLeaseMs ?? DEFAULT_LEASE_MS;
      this.#shared = await openSharedRedis(config.redis, connection.logger, lease);
    }
    const info = await connection.start();
    const botUser =
      userFromPod(info) ?? User.of(SYMPHONY_PLATFORM, String(info.id ?? ""), config.bot.username);
    const streams = new ImStreams(connection.streams);
    const history = new SymphonyHistory({
      messages: connection.messages,
      streamOf: (where) => streams.streamOf(where),
      ...(typeof info.id === "number" ? { author: info.id } : {}),
      ...(this.options.historySource ? { source: this.options.historySource } : {}),
      cacheMode: this.options.historyCache ?? (this.#dedupe ? "verify" : "trust"),
      ...(this.#shared ? { latest: this.#shared.history } : {}),
    });
    const sent = new SentMessages();
    const clock = this.options.connection?.clock ?? systemClock;
    const clockSkewMs = this.options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;
    // Events from before this process read its feed may have reached an earlier one (see there).
    const processStart = new ProcessStart(clock, clockSkewMs);
    const platform = new SymphonyPlatform({
      botUser,
      sender: new OnceSender({
        messages: connection.messages,
        retry: config.retry,
        logger: connection.logger,
        ...(typeof info.id === "number" ? { botUserId: info.id } : {}),
        ...(this.options.connection?.clock ? { clock: this.options.connection.clock } : {}),
        ...(this.options.newSendId ? { newSendId: this.options.newSendId } : {}),
        signal: this.#shutdown.signal,
        clockSkewMs,
      }),
      renderer:
        this.options.renderer ??
        new SymphonyRenderer({
          works: this.bot.works,
          ...(this.options.templatesDir === undefined ? {} : { templatesDir: this.options.templatesDir }),
          ...(this.options.updateFormInPlace ? { updateFormInPlace: true } : {}),
        }),
      attachment: (streamId, messageId, fileId) =>
        connection.messages.attachment(streamId, messageId, fileId),
      streams,
      history,
      conversations: new SymphonyConversations({
        streams: connection.streams,
        users: connection.users,
        botUserId: botUser.id,
        imStreams: streams,
      }),
      sent,
      mayPredateProcess: (eventTime) => processStart.mayPredate(eventTime),
    });
    this.#platform = platform;
    this.#chatNames = new ChatNames((id) => platform.conversations.chatById(id));
    this.bot.attach(platform);

    const mapper = new EventMapper({
      streamTypes: new StreamTypeCache(connection.streams),
      recoverWork: formMessageReader({
        works: this.bot.works,
        sent,
        messages: connection.messages,
        botUserId: typeof info.id === "number" ? info.id : undefined,
      }),
    });
    const places =
      this.#shared && new ReadPlaces(this.#shared.order, typeof info.id === "number" ? info.id : undefined);
    const batch = createBatchHandler({
      mapper,
      handleAction: (action, event) => this.#handle(action, places?.take(event)),
      logger: connection.logger,
    });
    const answerConnectionRequest = connectionRequests(this.options, connection, info.id);
    const onEvents: EventsHandler = async (events) => {
      // The events took their places in their conversations' lines as they were read (readingInTurn).
      try {
        for (const event of events) {
          learnFrom(event, streams);
          metrics?.eventRead(event.type, event.id);
          // Answered before the bot sees it; a failed answer fails the batch, so it comes back (an
          // accept of an accepted request is done, so a repeat is harmless).
          await answerConnectionRequest?.(event);
        }
        return await batch(events);
      } finally {
        places?.leaveUntaken(events);
      }
    };
    if (this.#stopped) {
      this.#done.settle(Promise.resolve());
      return;
    }
    const watch = new FeedWatch(() => clock.now());
    // Before the loop: a port in use fails start() with nothing left running.
    if (this.options.health && metrics) {
      this.#health = await startHealthServer(this.options.health, {
        watch,
        metrics,
        podReachable: () => podAnswers(connection),
      });
    }
    const shared = this.#shared;
    const waitForRedis = shared && waitingForRedis(shared, connection.logger, clock);
    const feed =
      shared && places && waitForRedis
        ? readingWhileAvailable(
            readingInTurn(connection.datafeed, shared.readTurn, places, waitForRedis),
            waitForRedis,
          )
        : connection.datafeed;
    const loop = datafeedLoop(connection, processStart.wrap(watch.wrap(feed)), onEvents, this.options);
    this.#loop = loop;
    const run = loop.run();
    const ended = () => {
      watch.ended = true;
    };
    run.then(ended, ended);
    this.#done.settle(run);
    run.catch(() => this.#failedUnwatched());
    // Ready once the feed exists and its first read is under way — or the loop failed first.
    await Promise.race([processStart.reading, run]);
  }

  /**
   * The loop failed for good (it logged why) and nobody watches `done`: the process must not end
   * as a success, which it would once nothing is left to keep it alive.
   */
  #failedUnwatched(): void {
    if (this.#doneWatched || this.#stopped) return;
    if (process.exitCode === undefined || process.exitCode === 0) process.exitCode = 1;
  }

  /** `ticket`: the event's place in its conversation's line across instances, taken as it was read. */
  async #handle(event: Action, ticket: OrderTicket | undefined): Promise<unknown> {
    const metrics = this.#metrics;
    if (!metrics) return this.#handleOnce(event, ticket);
    const started = performance.now();
    try {
      const outcome = await this.#handleOnce(event, ticket);
      const { status, sent } = outcomeOf(outcome);
      metrics.actionDone(status, (performance.now() - started) / 1000, sent);
      return outcome;
    } catch (error) {
      metrics.actionDone("error", (performance.now() - started) / 1000, 0);
      throw error;
    }
  }

  async #handleOnce(event: Action, ticket: OrderTicket | undefined): Promise<unknown> {
    let entered = false;
    let done = false;
    try {
      const outcome = await this.#handleInTurn(
        event,
        ticket && {
          run: (task) => {
            entered = true;
            return ticket.run(task);
          },
          leave: () => ticket.leave(),
          ...(ticket.claim ? { claim: ticket.claim.bind(ticket) } : {}),
        },
      );
      done = outcomeOf(outcome).status === "duplicate";
      return outcome;
    } finally {
      // Not run (a duplicate, held elsewhere, a failure before its turn): its place is given up.
      if (!entered) ticket?.leave(done);
    }
  }

  async #handleInTurn(event: Action, ticket: OrderTicket | undefined): Promise<unknown> {
    // Restrictions by room name need the name, which a button press does not carry.
    const action = this.#chatNames ? await this.#chatNames.named(event) : event;
    const dedupe = this.#dedupe;
    const lease = this.options.dedupeLeaseMs ?? DEFAULT_LEASE_MS;
    // The action's retries end within a share of its lease: its batch and conversation wait meanwhile.
    const clock = this.options.connection?.clock ?? systemClock;
    const deadline = clock.now() + lease * RETRY_SHARE_OF_LEASE;
    // In turn, the action's keys are completed as soon as it is handled: their completion and the
    // end of the turn then leave for the shared store together (one round trip, not two).
    const handle = (complete?: () => unknown) =>
      ticket
        ? ticket.run(async () => {
            const outcome = await this.bot.handle(action);
            complete?.();
            return outcome;
          })
        : this.bot.handle(action);
    return withRetryDeadline(deadline, async () => {
      if (!dedupe) return handle();
      const keys = dedupeKeys(action);
      // With a shared order, the claim looks for the turn in the same round trip.
      const claim = ticket?.claim && ((keys: readonly string[]) => ticket.claim?.(dedupe, keys, lease));
      const once = await runOnce(dedupe, keys, lease, handle, claim);
      // Held by another instance (which may have died): not a duplicate, so not acknowledged.
      if (!once.ran && once.refused === "held")
        throw new HeldElsewhereError(keys[keys.length - 1] ?? action.eventId);
      return once;
    });
  }
}

/**
 * What every event teaches the adapter: the IM streams of people. (Not history: it keeps only the
 * bot's own messages, and those never reach here — the datafeed skips them; the platform records
 * each message as it is sent.)
 */
function learnFrom(event: V4Event, streams: ImStreams): void {
  const message: V4Message | undefined = event.payload?.messageSent?.message;
  if (!message) return;
  const stream = message.stream;
  const userId = event.initiator?.user?.userId ?? message.user?.userId;
  if (stream?.streamId && stream.streamType === "IM" && typeof userId === "number") {
    streams.remember(String(userId), toUrlSafeId(stream.streamId));
  }
}

/** The configured loop over the given API (as `SymphonyConnection.createDatafeedLoop` builds it). */
function datafeedLoop(
  connection: SymphonyConnection,
  api: DatafeedApi,
  onEvents: EventsHandler,
  { finalAckTimeoutMs, connection: connectionOptions }: SymphonyOptions,
): DatafeedLoop {
  const { config, botInfo, logger } = connection;
  const options = {
    api,
    onEvents,
    retry: config.datafeed.retry,
    logger,
    ...(connectionOptions?.clock ? { clock: connectionOptions.clock } : {}),
    ...(botInfo?.id === undefined ? {} : { botUserId: botInfo.id }),
    ...(config.datafeed.tag === undefined ? {} : { tag: config.datafeed.tag }),
    ...(config.datafeed.lostReadWaitMs === undefined
      ? {}
      : { lostReadWaitMs: config.datafeed.lostReadWaitMs }),
    ...(finalAckTimeoutMs === undefined ? {} : { finalAckTimeoutMs }),
  };
  return config.datafeed.version === "v1" ? new DatafeedV1Loop(options) : new DatafeedV2Loop(options);
}

function stopping(): SymphonyError {
  return new SymphonyError("ABORTED", "The bot is stopping.");
}

function notStarted(what: string): SymphonyError {
  return new SymphonyError(
    "ADAPTER_NOT_STARTED",
    `The Symphony ${what} exists once the adapter has started: await symphony(bot, …).start() first.`,
  );
}

/** The configured policy's answer to a connection request to the bot (none configured: none). */
function connectionRequests(
  options: SymphonyOptions,
  connection: SymphonyConnection,
  botUserId: unknown,
): ((event: V4Event) => Promise<boolean>) | undefined {
  if (!options.connections) return undefined;
  return connectionRequestHandler(
    options.connections,
    connection.connections,
    typeof botUserId === "number" ? botUserId : undefined,
    connection.logger,
  );
}

/** Core's outcome, or the adapter's dedupe saying the action ran elsewhere (`{ ran: false }`). */
function outcomeOf(outcome: unknown): { status: string; sent: number } {
  const value = outcome as { status?: unknown; sent?: unknown; ran?: unknown; result?: unknown } | undefined;
  if (value?.ran === false) return { status: "duplicate", sent: 0 };
  if (value?.ran === true) return outcomeOf(value.result);
  return {
    status: typeof value?.status === "string" ? value.status : "handled",
    sent: typeof value?.sent === "number" ? value.sent : 0,
  };
}

/** One sessioninfo call without retries: does the pod answer now? */
async function podAnswers(connection: SymphonyConnection): Promise<boolean> {
  try {
    await connection.client.call({
      service: "pod",
      method: "GET",
      path: "/pod/v2/sessioninfo",
      retry: { ...connection.config.retry, maxAttempts: 1 },
      operation: "health: reach the pod",
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * Every REST call in flight listens on the shutdown signal until it ends, so a busy bot has many
 * listeners at once: that is not a leak, and Node's warning at 11 would tell the operator it is.
 */
function unlimitedListeners(controller: AbortController): AbortController {
  setMaxListeners(0, controller.signal);
  return controller;
}
