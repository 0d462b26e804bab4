import { request as undiciRequest } from "undici";
import type { RetryConfig, ServiceName, SymphonyConfig } from "../config/config-types.ts";
import { SymphonyError } from "../errors/symphony-error.ts";
import type { Logger } from "../logging/logger.ts";
import { silentLogger } from "../logging/logger.ts";
import { backoffDelay, mayRetry, parseRetryAfter } from "./backoff.ts";
import { type Clock, systemClock } from "./clock.ts";
import { connectionFailure } from "./connection-failure.ts";
import { Dispatchers } from "./dispatchers.ts";
import { codeForStatus, SymphonyHttpError, serverMessageOf } from "./http-error.ts";
import { linkedSignal } from "./linked-signal.ts";
import type { MultipartBody } from "./multipart-body.ts";
import { mayWaitFor } from "./retry-deadline.ts";
import type { SessionTokens, TokenProvider } from "./session-tokens.ts";
import { UnsentRequestError } from "./unsent-request.ts";

export type AuthMode = "none" | "session" | "session+keyManager";

export interface RestRequest {
  readonly service: ServiceName;
  readonly method: "GET" | "POST" | "DELETE";
  /** Full API path, starting with its context: `/pod/v2/sessioninfo`, `/agent/v5/datafeeds`… */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly json?: unknown;
  readonly form?: MultipartBody;
  /**
   * The media type asked for (`Accept`), `application/json` by default. Name the operation's own
   * when it produces another: a strict server answers 406 to an Accept it cannot meet.
   */
  readonly accept?: string;
  /** Which tokens to send; by default pod calls send the session token, agent calls both. */
  readonly auth?: AuthMode;
  /** Tokens to send instead of the session's (used during login itself, before the session has them). */
  readonly tokens?: SessionTokens;
  /** Overrides the client's retry policy (the datafeed retries forever). */
  readonly retry?: RetryConfig;
  /**
   * false for a call that is not idempotent (message create): a network error or a 5xx may come
   * after the server acted on the request, so it is thrown at once for the caller to find out what
   * happened before trying again. 429 (refused before any work), 401 and a request that was never
   * sent (no connection could be had: `UnsentRequestError`) are still retried.
   */
  readonly retryAmbiguous?: boolean;
  /**
   * On a 401, log in again and retry: at once the first time, after the backoff (within the retry
   * policy) when the fresh session is refused too. Default true; login calls turn it off.
   */
  readonly reauthenticate?: boolean;
  /** Aborts the call, including a long-poll in progress and any backoff wait. */
  readonly signal?: AbortSignal;
  /** Names the call in logs and errors, e.g. "send message"; defaults to "METHOD path". */
  readonly operation?: string;
  /**
   * Told the server's clock on a successful answer: its `Date` header (ms, whole seconds), or
   * undefined when it has none. The pod's time, which its event timestamps follow, not ours.
   */
  readonly onServerDate?: (serverTime: number | undefined) => void;
  /**
   * When an attempt failed on the network after its request was sent (its answer may have been
   * lost after the server acted), the retry waits at least this long (ms). A datafeed read lost so
   * holds events the pod hands out again only after its visibility timeout: read again before, and
   * later events of their conversations would be read, and handled, first. A request that was never
   * sent (refused, DNS, TLS handshake: `UnsentRequestError`) is retried after the usual backoff.
   */
  readonly lostAnswerWaitMs?: number;
}

export interface RestClientOptions {
  readonly config: SymphonyConfig;
  readonly logger?: Logger;
  readonly clock?: Clock;
  readonly tokens?: TokenProvider;
  /**
   * Aborts every call of this client, its backoff waits included, from the moment it fires: the
   * bot's shutdown. A call cut short throws `ABORTED`.
   */
  readonly signal?: AbortSignal;
  /** Told of every retry after a failure (metrics count them); never of the first attempt. */
  readonly onRetry?: (operation: string) => void;
  /**
   * Another client whose connections this one shares (an OBO client next to the bot's): closing this
   * one leaves them open, the owner closes them.
   */
  readonly shareConnectionsOf?: RestClient;
}

const MAX_LOGGED_BODY = 500;

/**
 * Every HTTP call of the adapter goes through here: base URLs and context paths per service, the
 * tokens, retries with exponential backoff on 5xx, 429 (honouring Retry-After) and network errors,
 * and on a 401 one shared re-login and a retry at once — then, while the pod still refuses the fresh
 * session, a re-login before each retry of the backoff. Other client errors are not retried: the same
 * request would fail the same way — nor are TLS and protocol failures (wrong scheme, untrusted or
 * invalid certificate, a server not speaking HTTP), thrown at once with a code saying what to fix.
 */
export class RestClient {
  private readonly dispatchers: Dispatchers;
  readonly #ownsDispatchers: boolean;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private tokenProvider: TokenProvider | undefined;

  constructor(private readonly options: RestClientOptions) {
    this.dispatchers = options.shareConnectionsOf?.dispatchers ?? new Dispatchers(options.config);
    this.#ownsDispatchers = options.shareConnectionsOf === undefined;
    this.logger = options.logger ?? silentLogger();
    this.clock = options.clock ?? systemClock;
    this.tokenProvider = options.tokens;
  }

  /** Auth and REST client need each other: the session is plugged in once both exist. */
  useTokens(provider: TokenProvider): void {
    this.tokenProvider = provider;
  }

  /** Sends the request; resolves with the parsed JSON body (undefined for 204 or an empty body). */
  call<T>(request: RestRequest): Promise<T> {
    // The shutdown signal joins the call's own, so stopping the bot cuts every call and wait short.
    const shutdown = this.options.signal;
    if (!shutdown || shutdown === request.signal) return this.#call<T>(request);
    if (!request.signal) return this.#call<T>({ ...request, signal: shutdown });
    const { signal, dispose } = linkedSignal(request.signal, shutdown);
    return this.#call<T>({ ...request, signal }).finally(dispose);
  }

  async #call<T>(request: RestRequest): Promise<T> {
    const operation = request.operation ?? `${request.method} ${request.path}`;
    const retry = request.retry ?? this.options.config.retry;
    const auth = request.auth ?? defaultAuth(request.service);
    const mayLogInAgain = request.reauthenticate !== false && request.tokens === undefined;
    let loggedInAgain = false;
    for (let attempt = 1; ; attempt++) {
      throwIfAborted(request.signal, operation);
      const tokens = auth === "none" ? undefined : (request.tokens ?? (await this.requireTokens().tokens()));
      const outcome = await this.attempt(request, auth, tokens, operation);
      if (outcome.kind === "ok") {
        request.onServerDate?.(outcome.date);
        return outcome.body as T;
      }
      // The pod refused the session: it expired, or — a pod whose sessions expire again and again —
      // even the one just obtained. Logging in again is the cure each time; only the first is free.
      const refusedSession = outcome.kind === "status" && outcome.status === 401 && mayLogInAgain && tokens;
      if (refusedSession && !loggedInAgain) {
        loggedInAgain = true;
        this.logger.info({ operation }, "session refused (401): logging in again, then retrying");
        await this.requireTokens().refresh(tokens);
        attempt--; // the re-login is not the call's fault: it keeps its attempts
        continue;
      }
      if (
        !(refusedSession || isRetryable(outcome, request.retryAmbiguous !== false)) ||
        !mayRetry(retry, attempt)
      )
        throw toError(outcome, operation, loggedInAgain);
      const { wait, lostAnswer } = this.retryWait(outcome, request, retry, attempt);
      // Within an action, retries stop before its dedupe lease runs out (see retry-deadline.ts).
      if (!mayWaitFor(wait, this.clock.now())) throw toError(outcome, operation, loggedInAgain);
      this.options.onRetry?.(operation);
      this.logger.warn(
        { operation, attempt, retryInMs: wait, ...describeOutcome(outcome) },
        refusedSession
          ? "session refused (401) even after logging in again: waiting, then logging in again and retrying"
          : lostAnswer
            ? "call failed after its request was sent (the server may have acted on it): retrying after the lost-answer wait"
            : "call failed, retrying after backoff",
      );
      await this.clock.sleep(wait, request.signal).catch(() => throwIfAborted(request.signal, operation));
      // Single flight: when another call has logged in meanwhile, its session is used without a login.
      if (refusedSession) await this.requireTokens().refresh(tokens);
    }
  }

  async close(): Promise<void> {
    if (this.#ownsDispatchers) await this.dispatchers.close();
  }

  /** The URL a request goes to (exposed for logs and tests). */
  urlFor(service: ServiceName, path: string, query?: RestRequest["query"]): URL {
    const url = new URL(`${originOf(this.options.config.services[service])}${path}`);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  /**
   * Where a call goes, as fetch takes it. Without a query this is the very text `urlFor` parses,
   * which fetch parses once itself: parsing it twice per call showed in the per-message CPU.
   */
  #target(request: RestRequest): string | URL {
    if (request.query !== undefined) return this.urlFor(request.service, request.path, request.query);
    return originOf(this.options.config.services[request.service]) + request.path;
  }

  private requireTokens(): TokenProvider {
    if (!this.tokenProvider) {
      throw new SymphonyError(
        "AUTH_FAILED",
        "An authenticated call was made before authentication was set up.",
      );
    }
    return this.tokenProvider;
  }

  private async attempt(
    request: RestRequest,
    auth: AuthMode,
    tokens: SessionTokens | undefined,
    operation: string,
  ): Promise<Outcome> {
    const headers: Record<string, string> = { accept: request.accept ?? "application/json" };
    if (tokens) {
      headers.sessionToken = tokens.sessionToken;
      if (auth === "session+keyManager") headers.keyManagerToken = tokens.keyManagerToken;
    }
    let body: string | Buffer | undefined;
    if (request.form) {
      headers["content-type"] = request.form.contentType;
      body = request.form.bytes;
    } else if (request.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(request.json);
    }
    const started = this.clock.now();
    const signal = request.signal;
    // undici leaves its abort listener on the signal it is given until garbage collection; the
    // datafeed passes one signal to every read for the life of the bot, so each attempt gets its own.
    // A call without a signal (every send) needs none: an AbortController costs a few µs in Node 20.
    const attemptSignal = signal ? new AbortController() : undefined;
    const forwardAbort = () => attemptSignal?.abort(signal?.reason);
    signal?.addEventListener("abort", forwardAbort, { once: true });
    let response: Answer;
    let text: string;
    try {
      // undici's `request`, not `fetch`: the same HTTP exchange without WHATWG Request/Response
      // and streams around it, which cost more CPU per call than everything else the bot does.
      const answer = await undiciRequest(this.#target(request), {
        method: request.method,
        headers,
        ...(body === undefined ? {} : { body }),
        dispatcher: this.dispatchers.for(request.service),
        ...(attemptSignal ? { signal: attemptSignal.signal } : {}),
      });
      text = await answer.body.text();
      response = toAnswer(answer.statusCode, answer.headers);
    } catch (error) {
      throwIfAborted(signal, operation);
      // A wrong scheme or an untrusted certificate fails the same way on every attempt: say so now.
      const failure = connectionFailure(error, operation, this.options.config.services[request.service]);
      if (failure) throw failure;
      return { kind: "network", error, sent: error instanceof UnsentRequestError ? "no" : "maybe" };
    } finally {
      signal?.removeEventListener("abort", forwardAbort);
    }
    const parsed = parseBody(text, response, operation);
    this.logger.debug(
      { operation, status: response.status, ms: this.clock.now() - started },
      "symphony call answered",
    );
    if (response.ok) {
      if (!request.onServerDate) return { kind: "ok", body: parsed };
      const date = Date.parse(response.header("date") ?? "");
      return { kind: "ok", body: parsed, date: Number.isNaN(date) ? undefined : date };
    }
    return {
      kind: "status",
      status: response.status,
      body: parsed,
      retryAfter: parseRetryAfter(response.header("retry-after"), this.clock.now()),
    };
  }

  /**
   * How long to wait before the next attempt (every retry's wait is decided here); `lostAnswer`
   * when it is the request's lost-answer wait, longer than the backoff.
   */
  private retryWait(
    outcome: Outcome,
    request: RestRequest,
    retry: RetryConfig,
    attempt: number,
  ): { wait: number; lostAnswer: boolean } {
    // The server knows best when it can take the call again (429, and a 503 may say so too).
    if (outcome.kind === "status" && outcome.retryAfter !== undefined) {
      return { wait: Math.min(outcome.retryAfter, retry.maxIntervalMillis), lostAnswer: false };
    }
    const backoff = backoffDelay(retry, attempt, this.clock.random?.bind(this.clock));
    // Sent, then cut: the server may have acted, and the caller said what that costs to wait out.
    // Never sent (refused, DNS, TLS handshake): nothing was handed out, the backoff is enough.
    const lostAnswerWait =
      outcome.kind === "network" && outcome.sent === "maybe" ? request.lostAnswerWaitMs : 0;
    if (lostAnswerWait !== undefined && lostAnswerWait > backoff)
      return { wait: lostAnswerWait, lostAnswer: true };
    return { wait: backoff, lostAnswer: false };
  }
}

type Outcome =
  | { kind: "ok"; body: unknown; date?: number | undefined }
  | { kind: "status"; status: number; body: unknown; retryAfter: number | undefined }
  /** `sent`: "no" when the request surely never left (the server cannot have acted on it). */
  | { kind: "network"; error: unknown; sent: "no" | "maybe" };

/** A service's base URL with its context path, as text, before any path. */
function originOf({ scheme, host, port, context }: SymphonyConfig["services"][ServiceName]): string {
  return `${scheme}://${host}:${port}${context}`;
}

function defaultAuth(service: ServiceName): AuthMode {
  if (service === "pod") return "session";
  if (service === "agent") return "session+keyManager";
  return "none";
}

function isRetryable(outcome: Outcome, retryAmbiguous: boolean): boolean {
  if (outcome.kind === "network") return outcome.sent === "no" || retryAmbiguous;
  if (outcome.kind !== "status") return false;
  return outcome.status === 429 || (outcome.status >= 500 && retryAmbiguous);
}

function toError(outcome: Outcome, operation: string, loggedInAgain: boolean): SymphonyError {
  if (outcome.kind === "network") {
    return new SymphonyError(
      "HTTP_NETWORK_ERROR",
      `${operation} could not reach the server (${networkReason(outcome.error)}). Check the host, port and proxy settings.`,
      { cause: outcome.error },
    );
  }
  if (outcome.kind === "status") {
    return new SymphonyHttpError(
      codeForStatus(outcome.status),
      outcome.status,
      operation,
      serverMessageOf(outcome.body),
      outcome.body,
      loggedInAgain,
    );
  }
  return new SymphonyError("HTTP_INVALID_RESPONSE", `${operation}: unexpected outcome.`);
}

function describeOutcome(outcome: Outcome): Record<string, unknown> {
  if (outcome.kind === "network") return { error: networkReason(outcome.error), requestSent: outcome.sent };
  if (outcome.kind === "status") {
    const text = typeof outcome.body === "string" ? outcome.body : JSON.stringify(outcome.body ?? "");
    return { status: outcome.status, body: text.slice(0, MAX_LOGGED_BODY) };
  }
  return {};
}

function networkReason(error: unknown): string {
  // undici's request fails with the socket's own error (code on it); fetch wrapped it in `cause`.
  const own = (error as { code?: unknown }).code;
  if (typeof own === "string" && !own.startsWith("UND_ERR")) return own;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (cause && typeof cause.code === "string") return cause.code;
  if (cause && typeof cause.message === "string") return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function throwIfAborted(signal: AbortSignal | undefined, operation: string): void {
  if (signal?.aborted)
    throw new SymphonyError("ABORTED", `${operation} was cancelled.`, { cause: signal.reason });
}

/** What a call's answer tells besides its body. */
interface Answer {
  readonly status: number;
  readonly ok: boolean;
  header(name: string): string | null;
}

function toAnswer(status: number, headers: Record<string, string | string[] | undefined>): Answer {
  return {
    status,
    ok: status >= 200 && status < 300,
    header: (name) => {
      const value = headers[name];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

function parseBody(text: string, response: Answer, operation: string): unknown {
  if (text === "") return undefined;
  const type = response.header("content-type") ?? "";
  if (!type.includes("json")) return text;
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!response.ok) return text;
    throw new SymphonyError(
      "HTTP_INVALID_RESPONSE",
      `${operation}: the server answered with malformed JSON.`,
      {
        cause: error,
      },
    );
  }
}
