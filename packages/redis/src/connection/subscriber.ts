/**
 * A subscriber: node-redis gives a subscribed connection to subscriptions alone, so it is a second
 * connection of the same settings. Failing to open it (Redis away) is a `redis.unavailable`.
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
