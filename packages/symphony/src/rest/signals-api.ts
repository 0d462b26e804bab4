import type { RestClient } from "../http/rest-client.ts";
import type {
  BaseSignal,
  ChannelSubscriberResponse,
  ChannelSubscriptionResponse,
  Signal,
} from "./wire-types.ts";

/** Signals (`/agent/v1/signals/…`): saved searches of hashtags, cashtags and authors people subscribe to. */
export class SignalsApi {
  constructor(private readonly client: RestClient) {}

  /** The bot's signals: those it created and those it subscribes to. */
  async list(page: { skip?: number; limit?: number } = {}): Promise<Signal[]> {
    const signals = await this.call<Signal[] | undefined>("GET", "/agent/v1/signals/list", "list signals", {
      query: { skip: page.skip, limit: page.limit },
    });
    return signals ?? [];
  }

  get(id: string): Promise<Signal> {
    return this.call("GET", `/agent/v1/signals/${encodeURIComponent(id)}/get`, "get signal");
  }

  create(signal: BaseSignal): Promise<Signal> {
    return this.call("POST", "/agent/v1/signals/create", "create signal", { json: signal });
  }

  update(id: string, signal: BaseSignal): Promise<Signal> {
    return this.call("POST", `/agent/v1/signals/${encodeURIComponent(id)}/update`, "update signal", {
      json: signal,
    });
  }

  async delete(id: string): Promise<void> {
    await this.call("POST", `/agent/v1/signals/${encodeURIComponent(id)}/delete`, "delete signal");
  }

  /**
   * Subscribes the bot (no `userIds`) or these users (the bot must own the signal); `pushed: true`
   * keeps them from unsubscribing themselves. Per-user failures are in `subscriptionErrors`.
   */
  subscribe(
    id: string,
    userIds: readonly number[] = [],
    options: { pushed?: boolean } = {},
  ): Promise<ChannelSubscriptionResponse> {
    return this.call("POST", `/agent/v1/signals/${encodeURIComponent(id)}/subscribe`, "subscribe to signal", {
      query: { pushed: options.pushed },
      json: userIds,
    });
  }

  unsubscribe(id: string, userIds: readonly number[] = []): Promise<ChannelSubscriptionResponse> {
    return this.call(
      "POST",
      `/agent/v1/signals/${encodeURIComponent(id)}/unsubscribe`,
      "unsubscribe from signal",
      {
        json: userIds,
      },
    );
  }

  subscribers(id: string, page: { skip?: number; limit?: number } = {}): Promise<ChannelSubscriberResponse> {
    return this.call(
      "GET",
      `/agent/v1/signals/${encodeURIComponent(id)}/subscribers`,
      "list signal subscribers",
      {
        query: { skip: page.skip, limit: page.limit },
      },
    );
  }

  private call<T>(
    method: "GET" | "POST",
    path: string,
    operation: string,
    extra: { query?: Record<string, string | number | boolean | undefined>; json?: unknown } = {},
  ): Promise<T> {
    return this.client.call<T>({ service: "agent", method, path, operation, ...extra });
  }
}
