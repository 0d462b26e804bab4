/**
 * The Bot Framework connector, reached through each conversation's own `serviceUrl` with the Teams
 * SDK's `ConversationClient`: send, update in place, open a 1:1, list members. Every call honours
 * a 429's `Retry-After` and retries transient failures (5xx, network) with a growing delay; what
 * the connector refuses for good (other 4xx) is an `UndeliverableError`, so core does not retry it.
 */
import { ConversationClient } from "@microsoft/teams.api";
import { UndeliverableError } from "@sprig/core";

export interface ConnectorOptions {
  /** The bot's access token for the connector; none in local development. */
  readonly token?: () => Promise<string | undefined>;
  /** Attempts per call (5 by default). */
  readonly attempts?: number;
  /** The first retry's delay after a transient failure, doubled each time (500 ms by default). */
  readonly baseDelayMs?: number;
  /** The longest wait honoured, whatever `Retry-After` says (60 s by default). */
  readonly maxDelayMs?: number;
  /** Injectable for tests. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

export interface Member {
  readonly id: string;
  readonly name?: string;
  readonly email?: string;
  readonly userRole?: string;
}

const sleeper = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class Connector {
  readonly #options: ConnectorOptions;
  readonly #clients = new Map<string, ConversationClient>();

  constructor(options: ConnectorOptions = {}) {
    this.#options = options;
  }

  async send(serviceUrl: string, conversationId: string, activity: object): Promise<string> {
    const sent = await this.#call(() =>
      this.#client(serviceUrl).createActivity(conversationId, activity as never),
    );
    return sent.id;
  }

  async update(
    serviceUrl: string,
    conversationId: string,
    activityId: string,
    activity: object,
  ): Promise<void> {
    await this.#call(() =>
      this.#client(serviceUrl).updateActivity(conversationId, activityId, activity as never),
    );
  }

  /** Opens (or finds: the connector answers with the existing one) the 1:1 with a person. */
  async openPersonal(serviceUrl: string, botId: string, userId: string, tenantId?: string): Promise<string> {
    const created = await this.#call(() =>
      this.#client(serviceUrl).create({
        bot: { id: botId, role: "bot" } as never,
        members: [{ id: userId, role: "user" } as never],
        ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : {}),
      }),
    );
    return created.id;
  }

  async members(serviceUrl: string, conversationId: string): Promise<readonly Member[]> {
    return (await this.#call(() => this.#client(serviceUrl).getMembers(conversationId))) as Member[];
  }

  #client(serviceUrl: string): ConversationClient {
    let client = this.#clients.get(serviceUrl);
    if (!client) {
      const token = this.#options.token;
      client = new ConversationClient(serviceUrl.replace(/\/+$/, ""), {
        timeout: 30_000,
        ...(token ? { token: async () => (await token()) ?? null } : {}),
      });
      this.#clients.set(serviceUrl, client);
    }
    return client;
  }

  async #call<T>(call: () => Promise<T>): Promise<T> {
    const attempts = this.#options.attempts ?? 5;
    const sleep = this.#options.sleep ?? sleeper;
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        const status = statusOf(error);
        if (status !== undefined && status >= 400 && status < 500 && status !== 429 && status !== 408) {
          throw new UndeliverableError(
            `The Teams connector refused the call with HTTP ${status}; it will not be sent again.`,
            { cause: error },
          );
        }
        if (attempt >= attempts) throw error;
        await sleep(this.#delay(error, status, attempt));
      }
    }
  }

  #delay(error: unknown, status: number | undefined, attempt: number): number {
    const max = this.#options.maxDelayMs ?? 60_000;
    if (status === 429) {
      const after = retryAfterMs(headerOf(error, "retry-after"), this.#options.now?.() ?? Date.now());
      if (after !== undefined) return Math.min(after, max);
    }
    return Math.min((this.#options.baseDelayMs ?? 500) * 2 ** (attempt - 1), max);
  }
}

function responseOf(error: unknown): { status?: unknown; headers?: unknown } | undefined {
  const response = (error as { response?: unknown } | null)?.response;
  return typeof response === "object" && response !== null ? (response as { status?: unknown }) : undefined;
}

function statusOf(error: unknown): number | undefined {
  const status = responseOf(error)?.status;
  return typeof status === "number" ? status : undefined;
}

function headerOf(error: unknown, name: string): string | undefined {
  const headers = responseOf(error)?.headers as Record<string, unknown> | { get?: unknown } | undefined;
  if (!headers) return undefined;
  const value =
    typeof (headers as { get?: unknown }).get === "function"
      ? (headers as { get(n: string): unknown }).get(name)
      : (headers as Record<string, unknown>)[name];
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
}

/** `Retry-After`: delay-seconds or an HTTP date. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.ceil(Number(value.trim()) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
