import { generateKeyPairSync } from "node:crypto";
import { createBot } from "@sprig/core";
import { describe, expect, it } from "vitest";
import { isSymphonyError, type SymphonyBot } from "../../src/index.ts";
import { failure } from "../support/failure.ts";
import { appConfig, appKeys, registerApp } from "./support/extension-app.ts";
import { podAndBotsPerTest } from "./support/pod-and-bots.ts";
import type { TestPod } from "./support/test-pod.ts";
import { until } from "./support/until.ts";

// OBO: the bot's config names an extension app (`app.appId`, `app.privateKey`); the pod knows the
// app (the emulator's dev API) and whom it may act for. `running.onBehalfOf(user)` gives the same
// services acting as that user: what it sends is sent by them, and their own view shows it as theirs.

const { startPod, startBot } = podAndBotsPerTest();

async function podWithApp(users?: string[]): Promise<TestPod> {
  const pod = await startPod({
    rooms: [{ name: "Team", members: ["alice", "bob"], owners: ["alice"] }],
    config: appConfig("expenses"),
  });
  await registerApp(pod, { appId: "expenses", name: "Expenses", users });
  return pod;
}

describe("OBO: the bot acts on behalf of a user through its extension app", () => {
  it("a handler posts in the room as the person who asked; the room shows it from them, not the bot", async () => {
    const pod = await podWithApp(["alice"]);
    const team = pod.roomId("Team");
    const bot = createBot();
    let running: SymphonyBot | undefined;
    bot.command("announce {text...}", { description: "Post in Team as yourself" }, async ({ user, vars }) => {
      const asUser = await running!.onBehalfOf(user);
      await asUser.messages.send(team, { message: `<messageML>${[vars.text].flat().join(" ")}</messageML>` });
      return "Posted in Team for you.";
    });
    running = await startBot(bot);
    const alice = pod.personId("alice");
    const im = await pod.dev.createIm([alice, pod.personId("sprig")]);
    await pod.dev.postText(im, "alice", "/announce lunch at noon");

    const posted = await until(async () => {
      const messages = await pod.dev.messages(team);
      return messages.find((m) => m.message.includes("lunch at noon"));
    }, "alice's announcement in Team");
    expect(posted.user.userId).toBe(alice);
    await until(async () => {
      const messages = await pod.dev.messages(im);
      return messages.find((m) => m.message.includes("Posted in Team for you."));
    }, "the bot's confirmation");
  });

  it("by username, id or user object: one user's services (sessioninfo, streams, messages)", async () => {
    const pod = await podWithApp();
    const running = await startBot(createBot());
    const alice = pod.personId("alice");
    const byName = await running.onBehalfOf("alice");
    expect(byName.user?.id).toBe(alice);
    expect((await running.onBehalfOf(alice)).user?.username).toBe("alice");
    expect((await running.onBehalfOf({ id: String(alice) })).user?.id).toBe(alice);
    expect(await running.onBehalfOf("alice")).toBe(byName); // one session per user, reused

    const im = await byName.streams.createIm([pod.personId("bob")]);
    const sent = await byName.messages.send(im, { message: "<messageML>hi bob, from me</messageML>" });
    expect(sent.user?.userId).toBe(alice);
    const seen = await pod.dev.messages(im);
    expect(seen.map((m) => m.user.userId)).toEqual([alice]);
    // The bot itself is no member of that IM: the OBO session reads it as alice.
    const listed = await byName.messages.list(im, { since: 0 });
    expect(listed.map((m) => m.messageId)).toContain(sent.messageId);
  });

  it("after every session expires, the next call logs the app and the user in again and succeeds", async () => {
    const pod = await podWithApp();
    const running = await startBot(createBot());
    const asBob = await running.onBehalfOf("bob");
    await pod.dev.expireSessions();
    const sent = await asBob.messages.send(pod.roomId("Team"), {
      message: "<messageML>still me</messageML>",
    });
    expect(sent.user?.userId).toBe(pod.personId("bob"));
  });

  it("refusals: a user the app may not act for, an unknown user, a wrong app key, no app in the config", async () => {
    const pod = await podWithApp(["alice"]);
    const running = await startBot(createBot());
    const notEntitled = await failure(running.onBehalfOf("bob"));
    expect(isSymphonyError(notEntitled, "AUTH_REJECTED")).toBe(true);
    expect(String((notEntitled as Error).message)).toContain("not entitled");
    const unknown = await failure(running.onBehalfOf("nobody"));
    expect(isSymphonyError(unknown, "AUTH_REJECTED")).toBe(true);
    expect(String((unknown as Error).message)).toContain('username "nobody"');
    // A refusal is not cached: once entitled, the same call works.
    expect((await running.onBehalfOf("alice")).user?.username).toBe("alice");

    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const wrongKey = await startBot(createBot(), {
      config: {
        ...pod.config,
        app: { appId: "expenses", privateKeyPem: other.export({ type: "pkcs8", format: "pem" }).toString() },
      },
    });
    const refused = await failure(wrongKey.onBehalfOf("alice"));
    expect(isSymphonyError(refused, "AUTH_REJECTED")).toBe(true);
    expect(String((refused as Error).message)).toContain("app.appId");
    expect(String((refused as Error).message)).not.toContain(appKeys.privateKeyPem.slice(40, 80));

    const { app: _app, ...withoutApp } = pod.config;
    const noApp = await startBot(createBot(), { config: withoutApp });
    const missing = await failure(noApp.onBehalfOf("alice"));
    expect(isSymphonyError(missing, "CONFIG_MISSING_KEY")).toBe(true);
  });
});
