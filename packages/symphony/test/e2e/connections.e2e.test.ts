import { createBot } from "@sprig/core";
import { describe, expect, it } from "vitest";
import type { ConnectionRequest } from "../../src/index.ts";
import { DevApiError } from "./support/dev-api.ts";
import { podAndBotsPerTest } from "./support/pod-and-bots.ts";
import { BOT_ID } from "./support/test-pod.ts";
import { until } from "./support/until.ts";

// An external person must be connected to the bot before a 1:1: they ask (CONNECTIONREQUESTED on
// the bot's feed), the bot's policy answers through /pod/v1/connection/accept or /reject, and only
// an accepted connection lets the person open the IM and talk.

const { startPod, startBot } = podAndBotsPerTest();

function helloBot() {
  const bot = createBot();
  bot.command("hello", { description: "Say hello" }, ({ user }) => `Hello, ${user.name}!`);
  return bot;
}

async function refusal(promise: Promise<unknown>): Promise<DevApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DevApiError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe("connections: an external person's first message needs the bot to accept them", () => {
  it("the policy accepts the request, then the person opens an IM with the bot and talks", async () => {
    const pod = await startPod();
    const eve = await pod.dev.createUser({ username: "eve", displayName: "Eve Outsider", external: true });
    const requests: ConnectionRequest[] = [];
    await startBot(helloBot(), {
      connections: { policy: "accept-all", onRequest: (request) => void requests.push(request) },
    });

    const before = await refusal(pod.dev.createIm([eve.id, BOT_ID]));
    expect(before.message).toContain("not connected");

    const asked = await pod.dev.requestConnection("eve", BOT_ID);
    expect(asked).toMatchObject({ userId: BOT_ID, status: "PENDING_OUTGOING" });
    const request = await until(() => requests[0], "the bot to hear the request");
    expect(request).toMatchObject({ user: { userId: eve.id, username: "eve" }, decided: "accepted" });

    const im = await pod.dev.createIm([eve.id, BOT_ID]);
    await pod.dev.postText(im, "eve", "/hello");
    const answer = await until(async () => {
      const messages = await pod.dev.messages(im);
      return messages.find((message) => JSON.stringify(message).includes("Hello, Eve Outsider!"));
    }, "the bot's answer in the IM");
    expect(answer).toBeDefined();
  });

  it("a policy function rejects someone: the IM stays refused; colleagues need no connection", async () => {
    const pod = await startPod();
    const mallory = await pod.dev.createUser({ username: "mallory", displayName: "Mallory", external: true });
    const requests: ConnectionRequest[] = [];
    await startBot(helloBot(), {
      connections: {
        policy: (user) => user.username !== "mallory",
        onRequest: (request) => void requests.push(request),
      },
    });
    await pod.dev.requestConnection("mallory", BOT_ID);
    const request = await until(() => requests[0], "the bot to hear the request");
    expect(request.decided).toBe("rejected");
    const refused = await refusal(pod.dev.createIm([mallory.id, BOT_ID]));
    expect(refused.message).toContain("not connected");
    // alice is a colleague on the bot's pod: connected implicitly.
    expect(await pod.dev.createIm([pod.personId("alice"), BOT_ID])).toEqual(expect.any(String));
  });

  it("without a policy the request stays pending, and the bot can accept it later itself", async () => {
    const pod = await startPod();
    const eve = await pod.dev.createUser({ username: "eve", displayName: "Eve", external: true });
    const requests: ConnectionRequest[] = [];
    const running = await startBot(helloBot(), {
      connections: { onRequest: (request) => void requests.push(request) },
    });
    await pod.dev.requestConnection("eve", BOT_ID);
    const request = await until(() => requests[0], "the bot to hear the request");
    expect(request.decided).toBe("pending");
    expect(await running.connection.connections.list()).toEqual([
      expect.objectContaining({ userId: eve.id, status: "PENDING_INCOMING" }),
    ]);
    await refusal(pod.dev.createIm([eve.id, BOT_ID]));
    await request.accept();
    expect(await running.connection.connections.info(eve.id)).toMatchObject({ status: "ACCEPTED" });
    expect(await pod.dev.createIm([eve.id, BOT_ID])).toEqual(expect.any(String));
  });
});
