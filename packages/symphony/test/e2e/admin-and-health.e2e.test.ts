import { createBot } from "@sprig/core";
import { describe, expect, it } from "vitest";
import { isSymphonyError, type SymphonyBot, SymphonyConnection, silentLogger } from "../../src/index.ts";
import { failure } from "../support/failure.ts";
import { appConfig, registerApp } from "./support/extension-app.ts";
import { podAndBotsPerTest } from "./support/pod-and-bots.ts";
import { BOT_ID } from "./support/test-pod.ts";
import { until } from "./support/until.ts";

// The BDK services that were missing from the adapter, through the real adapter on the emulator: the
// admin views of users and streams (UserService.getUserDetail, StreamService.listUserStreamsAdmin /
// listStreamMembers) and the agent's health checks (HealthService).

const { startPod, startBot } = podAndBotsPerTest();

describe("admin views of users and streams", () => {
  it("a handler reads a person's admin detail; the bot lists a person's streams and a room's members as admin", async () => {
    const pod = await startPod({
      rooms: [{ name: "Team", members: ["alice", "bob"], owners: ["alice"] }],
      config: appConfig("desk"),
    });
    const created = await fetch(`${pod.emulator.url}/emulator/v1/users`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "gone", displayName: "Gone Person", active: false }),
    });
    expect(created.status).toBe(201);
    let running: SymphonyBot | undefined;
    const bot = createBot();
    bot.command("status {name}", { description: "Account status" }, async ({ vars }) => {
      const connection = running?.connection;
      if (!connection) throw new Error("not started");
      const [user] = await connection.users.lookup({ usernames: [vars.name] }, { active: false });
      const detail = await connection.users.adminDetail(user?.id ?? 0);
      return `status: ${detail.userAttributes?.userName} ${detail.userSystemInfo?.status}`;
    });
    running = await startBot(bot);
    const { users, streams } = running.connection;

    const alice = pod.personId("alice");
    const im = await pod.dev.createIm([alice, BOT_ID]);
    await pod.dev.postText(im, "alice", "/status gone");
    const answer = await until(async () => {
      const messages = await pod.dev.messages(im);
      return messages.find((m) => m.user.userId === BOT_ID && m.message.includes("status:"))?.message;
    }, "the status answer");
    expect(answer).toContain("status: gone DISABLED");

    const detail = await users.adminDetail(alice);
    expect(detail.userSystemInfo).toMatchObject({ id: alice, status: "ENABLED" });
    expect(detail.userAttributes).toMatchObject({ userName: "alice", emailAddress: "alice@example.com" });

    const team = pod.roomId("Team");
    const aliceStreams = await streams.adminUserStreams(alice, { streamTypes: [{ type: "ROOM" }] });
    expect(aliceStreams.map((s) => s.id)).toEqual([team]);
    expect((await streams.adminUserStreams(alice)).map((s) => s.id).sort()).toEqual([im, team].sort());
    expect(await streams.adminUserStreams(alice, {}, { skip: 5 })).toEqual([]);

    const members = await streams.adminMembers(team.replace(/-/g, "+").replace(/_/g, "/"));
    expect(members.count).toBe(3);
    expect(members.members?.find((m) => m.user?.userId === alice)).toMatchObject({
      isOwner: true,
      user: { displayName: "alice" },
    });
    expect((await streams.adminMembers(team, { skip: 1, limit: 1 })).members).toHaveLength(1);

    // Refusals: an unknown user is a coded client error; a person (OBO as alice) has no admin role.
    const unknown = await failure(users.adminDetail(424242));
    expect(isSymphonyError(unknown, "HTTP_CLIENT_ERROR")).toBe(true);
    await registerApp(pod, { appId: "desk" });
    const asAlice = await running.onBehalfOf("alice");
    const refused = await failure(asAlice.users.adminDetail(alice));
    expect(isSymphonyError(refused, "HTTP_CLIENT_ERROR")).toBe(true);
    expect((refused as { status?: number }).status).toBe(403);
    expect(String((refused as Error).message)).toContain("admin");
  });
});

describe("the agent's health", () => {
  it("answers before any login: the check and the extended check with services and service users", async () => {
    const pod = await startPod();
    const connection = new SymphonyConnection(pod.config, { logger: silentLogger() });
    try {
      expect(await connection.agentHealth.check()).toMatchObject({ status: "UP" });
      const extended = await connection.agentHealth.extended();
      expect(extended.status).toBe("UP");
      expect(extended.services?.pod).toMatchObject({ status: "UP", version: expect.any(String) });
      expect(Object.keys(extended.users ?? {})).toContain("agentservice");
    } finally {
      await connection.close();
    }
  });

  it("a DOWN agent (503 with its body) is an answer, not an error; each check is one attempt", async () => {
    const pod = await startPod();
    const connection = new SymphonyConnection(pod.config, { logger: silentLogger() });
    try {
      const down = { status: "DOWN", services: { pod: { status: "DOWN", message: "pod unreachable" } } };
      await pod.dev.addFault({ path: "/agent/v3/health/extended", status: 503, body: down, times: 2 });
      // Each call takes one fault: with retries, the first call would have used both and come back UP.
      expect(await connection.agentHealth.extended()).toEqual(down);
      expect(await connection.agentHealth.extended()).toEqual(down);
      expect((await connection.agentHealth.extended()).status).toBe("UP");

      await pod.dev.addFault({ path: "/agent/v3/health", status: 500, times: 1 });
      const failed = await failure(connection.agentHealth.check());
      expect(isSymphonyError(failed, "HTTP_SERVER_ERROR")).toBe(true);
      expect((await connection.agentHealth.check()).status).toBe("UP");
    } finally {
      await connection.close();
    }
  });
});
