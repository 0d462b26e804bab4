import { DEFAULT_RETRY } from "../config/config-types.ts";
import { isHttpStatus } from "../http/http-error.ts";
import type { RestClient } from "../http/rest-client.ts";
import type { V3Health } from "./wire-types.ts";

/** A health check reports the state now: one attempt, no backoff. */
const ONE_ATTEMPT = { ...DEFAULT_RETRY, maxAttempts: 1 };

/**
 * The agent's health (BDK `HealthService`; agent info is `SessionApi.agentInfo`). No session is sent:
 * the agent answers these before any login, as deployment checks call them.
 */
export class AgentHealthApi {
  constructor(private readonly client: RestClient) {}

  /** `GET /agent/v3/health`: is the agent up. */
  check(): Promise<V3Health> {
    return this.client.call<V3Health>({
      service: "agent",
      method: "GET",
      path: "/agent/v3/health",
      auth: "none",
      retry: ONE_ATTEMPT,
      operation: "agent health",
    });
  }

  /**
   * `GET /agent/v3/health/extended`: the agent, each service it depends on (pod, key manager,
   * datafeed…) with versions, and its own service users. A 503 is the agent saying "DOWN" with the
   * same body: that body is the answer, not an error.
   */
  async extended(): Promise<V3Health> {
    try {
      return await this.client.call<V3Health>({
        service: "agent",
        method: "GET",
        path: "/agent/v3/health/extended",
        auth: "none",
        retry: ONE_ATTEMPT,
        operation: "agent extended health",
      });
    } catch (error) {
      if (isHttpStatus(error, 503) && typeof (error.body as V3Health | undefined)?.status === "string")
        return error.body as V3Health;
      throw error;
    }
  }
}
