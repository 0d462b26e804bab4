/**
 * With app credentials the SDK's token check stays on: an activity without a valid bearer token is
 * refused (401) and reaches no handler. Local development mode is only ever the absence of them.
 */
import { createBot, silentLogger } from "@sprig/core";
import { describe, expect, it } from "vitest";
import { credentialsFrom, teams } from "../../src/index.ts";
import { postJson } from "../support/post-json.ts";

describe("credentials", () => {
  it("are read from CLIENT_ID / CLIENT_SECRET / TENANT_ID, and need both id and secret", () => {
    expect(credentialsFrom({ CLIENT_ID: "id", CLIENT_SECRET: "s", TENANT_ID: "t" })).toEqual({
      clientId: "id",
      clientSecret: "s",
      tenantId: "t",
    });
    expect(credentialsFrom({ CLIENT_ID: "id" })).toBeUndefined();
  });

  it("with credentials, unauthenticated activities are refused and handle nothing", async () => {
    const bot = createBot({ logger: silentLogger });
    let handled = 0;
    bot.on("action", () => void handled++);
    const running = teams(bot, {
      port: 0,
      host: "127.0.0.1",
      env: { CLIENT_ID: "00000000-0000-0000-0000-000000000001", CLIENT_SECRET: "not-a-real-secret" },
    });
    expect(running.localMode).toBe(false);
    const url = await running.start();
    try {
      const activity = {
        type: "message",
        id: "1",
        serviceUrl: "http://127.0.0.1:9/",
        from: { id: "29:mallory" },
        conversation: { id: "a:1", conversationType: "personal" },
        text: "hello",
      };
      const noToken = await postJson(url, JSON.stringify(activity));
      expect(noToken.status).toBe(401);
      const forged = await postJson(url, JSON.stringify(activity), { authorization: "Bearer not.a.jwt" });
      expect(forged.status).toBe(401);
      expect(handled).toBe(0);
    } finally {
      await running.stop();
    }
  });
});
