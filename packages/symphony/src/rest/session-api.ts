import type { RestClient } from "../http/rest-client.ts";
import type { AgentInfo, UserV2 } from "./wire-types.ts";

/** Who the bot is, and what agent it talks to. */
export class SessionApi {
  constructor(private readonly client: RestClient) {}

  /** `GET /pod/v2/sessioninfo`: the bot's own user (its id is how its own messages are recognised). */
  sessionInfo(): Promise<UserV2> {
    return this.client.call<UserV2>({
      service: "pod",
      method: "GET",
      path: "/pod/v2/sessioninfo",
      operation: "session info",
    });
  }

  /** `GET /agent/v1/info`. */
  agentInfo(): Promise<AgentInfo> {
    return this.client.call<AgentInfo>({
      service: "agent",
      method: "GET",
      path: "/agent/v1/info",
      operation: "agent info",
    });
  }
}
