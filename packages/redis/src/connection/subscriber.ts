/**
 * A subscriber: node-redis gives a subscribed connection to subscriptions alone, so it is a second
 * connection of the same settings. Failing to open it (Redis away) is a `redis.unavailable`.
 * `Subscription` opens one on first use (again after a failed opening) and closes it.
 */
import type { RedisClientType } from "@redis/client";
import type { RedisConnection } from "./connect-redis.ts";
import { unavailable } from "./scripts.ts";

export async function openSubscriber(
  redis: RedisConnection,
  channel: string,
  onMessage: (message: string) => void,
): Promise<RedisClientType> {
  let subscriber: RedisClientType | undefined;
  try {
    subscriber = await redis.duplicate();
    await subscriber.subscribe(channel, onMessage);
    return subscriber;
  } catch (error) {
    // Connected but not subscribed (Redis went away in between, or refused SUBSCRIBE): nobody else
    // holds this client, and left open it would reconnect for ever and keep the process alive.
    subscriber?.destroy();
    throw unavailable(error);
  }
}

/** One channel's subscription, opened on first `open()` — again after a failed opening. */
export class Subscription {
  #client: Promise<RedisClientType> | undefined;

  constructor(
    private readonly redis: RedisConnection,
    private readonly channel: string,
    private readonly onMessage: (message: string) => void,
  ) {}

  /** Resolves once subscribed; rejects with `redis.unavailable` when the opening failed. */
  async open(): Promise<void> {
    this.#client ??= openSubscriber(this.redis, this.channel, this.onMessage).catch((error: unknown) => {
      this.#client = undefined;
      throw error;
    });
    await this.#client;
  }

  /**
   * Not waiting: one still connecting (Redis away) would hold a bot's stop up; the connection's
   * close ends it.
   */
  close(): void {
    const client = this.#client;
    this.#client = undefined;
    void client?.then(
      (opened) => opened.destroy(),
      () => undefined,
    );
  }
}
