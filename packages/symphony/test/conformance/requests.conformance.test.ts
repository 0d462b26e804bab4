/**
 * What the adapter SENDS, checked against the upstream contract (../shared/symphony-api-spec): every
 * HTTP request @sprig/symphony makes during real runs on the emulator is recorded on the client side
 * (undici's `undici:request:create` channel: method, path and query, headers, body) and checked for
 * its operation (method + path template), required path / query / header parameters and their types,
 * its content type, its JSON body against the request schema, and its multipart field names. The
 * emulator accepting a request proves nothing about a real pod; the contract does.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Chat, silentLogger, User } from "@sprig/core";
import { hasShared } from "@sprig/shared-data";
import { createTodoBot } from "@sprig/todo-bot";
import { todoRooms, todoScenarios } from "@sprig/todo-bot/scenarios";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CertificateAuthenticator,
  type MessageUpdate,
  RestClient,
  type SymphonyBot,
  type SymphonyConfig,
  silentLogger as silentPino,
  symphony,
} from "../../src/index.ts";
import { startE2eChat, TEAM } from "../e2e/support/e2e-chat.ts";
import { FAST_RETRY, startTestPod, type TestPod } from "../e2e/support/test-pod.ts";
import { PROSE_RULES, proseFindings } from "./prose-rules.ts";
import { type CapturedRequest, checkRequest, type RequestCheck } from "./request-check.ts";
import { type RequestRecorder, recordRequests } from "./request-recorder.ts";
import { botMessages, createTourBot, NOTES, untilBotMessages } from "./tour-bot.ts";

/**
 * Operations the adapter uses that are marked deprecated upstream, and why that is right. Nothing
 * else may be: a deprecated call found here is a choice to write down, not an accident.
 */
const DEPRECATED_ON_PURPOSE: Record<string, string> = {
  "POST /agent/v4/datafeed/create": "datafeed v1, for agents without datafeed v2 (`datafeed.version: v1`)",
  "GET /agent/v4/datafeed/{id}/read": "datafeed v1, for agents without datafeed v2 (`datafeed.version: v1`)",
};

/**
 * Calls of the adapter (`METHOD /path`, matched by pattern) that the upstream files lack, each with
 * the reason it is genuinely absent upstream. Empty: every call the adapter makes is in the contract.
 */
const ABSENT_UPSTREAM: ReadonlyArray<{ readonly call: RegExp; readonly why: string }> = [];

/**
 * Operations whose file declares no token headers although the agent authenticates them: the
 * adapter sends its tokens there on purpose, and the check of undeclared headers lets them pass.
 */
const TOKENS_UNDECLARED_UPSTREAM: Record<string, string> = {
  "GET /agent/v1/info":
    "the file declares no parameters, yet lists 401 'Session tokens invalid' and 403 'Caller lacks necessary entitlement' (as does Symphony's Agent Info reference): the agent authenticates the call",
};

/** Every operation the adapter has (src/rest, src/auth): the runs below must have reached each. */
const EXPECTED_OPERATIONS = [
  "POST /login/pubkey/authenticate",
  "POST /relay/pubkey/authenticate",
  "POST /sessionauth/v1/authenticate",
  "POST /keyauth/v1/authenticate",
  "GET /pod/v2/sessioninfo",
  "GET /agent/v1/info",
  "GET /agent/v5/datafeeds",
  "POST /agent/v5/datafeeds",
  "POST /agent/v5/datafeeds/{datafeedId}/read",
  "DELETE /agent/v5/datafeeds/{datafeedId}",
  "POST /agent/v4/datafeed/create",
  "GET /agent/v4/datafeed/{id}/read",
  "POST /agent/v4/stream/{sid}/message/create",
  "POST /agent/v4/stream/{sid}/message/{mid}/update",
  "GET /agent/v1/message/{id}",
  "GET /agent/v4/stream/{sid}/message",
  "POST /agent/v1/message/search",
  "GET /agent/v1/stream/{sid}/attachment",
  "POST /pod/v1/im/create",
  "POST /pod/v3/room/create",
  "GET /pod/v3/room/{id}/info",
  "POST /pod/v3/room/search",
  "POST /pod/v1/streams/list",
  "GET /pod/v2/streams/{sid}/info",
  "GET /pod/v2/room/{id}/membership/list",
  "POST /pod/v1/room/{id}/membership/add",
  "POST /pod/v1/room/{id}/membership/remove",
  "POST /pod/v1/room/{id}/membership/promoteOwner",
  "POST /pod/v1/room/{id}/membership/demoteOwner",
  "GET /pod/v3/users",
  // Pod services for handlers (issue 14).
  "POST /pod/v1/user/search",
  "GET /pod/v2/user/presence",
  "POST /pod/v2/user/presence",
  "GET /pod/v3/user/{uid}/presence",
  "POST /pod/v3/user/presence",
  "GET /pod/v2/users/presence",
  "POST /pod/v1/presence/feed/create",
  "GET /pod/v1/presence/feed/{feedId}/read",
  "POST /pod/v1/presence/feed/{feedId}/delete",
  "GET /agent/v1/signals/list",
  "GET /agent/v1/signals/{id}/get",
  "POST /agent/v1/signals/create",
  "POST /agent/v1/signals/{id}/update",
  "POST /agent/v1/signals/{id}/delete",
  "POST /agent/v1/signals/{id}/subscribe",
  "POST /agent/v1/signals/{id}/unsubscribe",
  "GET /agent/v1/signals/{id}/subscribers",
  "POST /agent/v4/message/blast",
  "POST /pod/v1/admin/messagesuppression/{id}/suppress",
  "POST /pod/v3/room/{id}/update",
  "POST /pod/v1/room/{id}/setActive",
  "GET /pod/v1/im/{id}/info",
  "POST /pod/v1/im/{id}/update",
  "GET /pod/v1/connection/list",
  "GET /pod/v1/connection/user/{userId}/info",
  "POST /pod/v1/connection/create",
  "POST /pod/v1/connection/accept",
  "POST /pod/v1/connection/reject",
  "POST /pod/v1/connection/user/{uid}/remove",
  // The BDK services that were missing: admin views, the agent's health (issue 14).
  "GET /pod/v2/admin/user/{uid}",
  "POST /pod/v1/admin/user/{uid}/streams/list",
  "GET /pod/v1/admin/stream/{id}/membership/list",
  "GET /agent/v3/health",
  "GET /agent/v3/health/extended",
];

describe.skipIf(!hasShared())("the adapter's requests follow the Symphony contract", () => {
  let recorder: RequestRecorder;
  let checked: Array<{ request: CapturedRequest; check: RequestCheck }> | undefined;
  /** Every recorded request with its check, made once the runs above are over. */
  const checks = () => {
    checked ??= recorder.requests.map((request) => ({ request, check: checkRequest(request) }));
    return checked;
  };

  beforeAll(() => {
    // The emulator's dev API (/emulator/v1) is the test acting as people, not the adapter.
    recorder = recordRequests((_origin, path) => !path.startsWith("/emulator/"));
  });
  afterAll(() => recorder.stop());

  // Every todo scenario, each on its own pod, in one test: more than the default 20 s on a busy machine.
  it("runs the todo bot's scenarios on the emulator (datafeed v2, history by search)", {
    timeout: 120_000,
  }, async () => {
    for (const scenario of todoScenarios) {
      const e2e = await startE2eChat(createTodoBot({ logger: silentLogger, newId: () => "ref-1" }), {
        rooms: [TEAM, ...todoRooms],
      });
      try {
        await scenario.run(e2e.chat);
      } finally {
        await e2e.close();
      }
    }
  });

  it("runs files, an update in place, conversations, users and rooms, and a feed that is gone", async () => {
    const pod = await startTestPod({ rooms: [TEAM], config: { datafeed: feed("v2", "conformance") } });
    const running = symphony(createTourBot(), {
      config: pod.configPath,
      logger: silentPino(),
      updateFormInPlace: true,
    });
    try {
      await running.start();
      await tour(pod, running);
    } finally {
      await running.stop();
      await pod.close();
    }
  });

  it("runs datafeed v1 with history read from the stream's message listing", async () => {
    const pod = await startTestPod({ config: { datafeed: feed("v1") } });
    const running = symphony(createTourBot(), {
      config: pod.configPath,
      logger: silentPino(),
      historySource: "listing",
    });
    try {
      await running.start();
      const alice = pod.personId("alice");
      const im = await pod.dev.createIm([alice, pod.personId("sprig")]);
      await pod.dev.postText(im, alice, "new");
      await botMessages(pod.dev, im, 1);
      await pod.dev.postText(im, alice, "count");
      const answers = await botMessages(pod.dev, im, 2);
      expect(answers[1]!.message).toContain("latest 0");
      // The v1 feed is gone: the loop makes a new one and reads on.
      await pod.dev.addFault({ method: "GET", path: "/agent/v4/datafeed/*/read", status: 400 });
      await pod.dev.postText(im, alice, "count");
      await botMessages(pod.dev, im, 3);
    } finally {
      await running.stop();
      await pod.close();
    }
  });

  it("logs in with a certificate (on a stand-in server: the emulator's certificate login needs TLS)", async () => {
    const server = createServer((_request, response) => {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ name: "sessionToken", token: "stand-in" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const client = new RestClient({ config: certificateConfig((server.address() as AddressInfo).port) });
    try {
      const login = new CertificateAuthenticator(client, "sprig");
      expect(await login.authenticateSession()).toBe("stand-in");
      expect(await login.authenticateKeyManager()).toBe("stand-in");
      // The contract's /v1/authenticate takes no body: none is sent, nor a content type for one.
      const logins = recorder.requests.filter((r) => r.path.endsWith("/v1/authenticate"));
      expect(
        logins.map((r) => [r.path, r.body, r.headers.some(([name]) => /^content-type$/i.test(name))]),
      ).toEqual([
        ["/sessionauth/v1/authenticate", undefined, false],
        ["/keyauth/v1/authenticate", undefined, false],
      ]);
    } finally {
      await client.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("every request is an operation of the contract, with its parameters, content type and body", () => {
    expect(checks().length).toBeGreaterThan(100);
    // One line per operation and mistake, with one request that made it and how many did.
    const failures = new Map<string, { example: string; count: number }>();
    for (const { request, check } of checks()) {
      if (!check.matched && ABSENT_UPSTREAM.some(({ call }) => call.test(check.operation))) continue;
      for (const error of check.errors) {
        if (
          check.operation in TOKENS_UNDECLARED_UPSTREAM &&
          /^header "(sessionToken|keyManagerToken)"/.test(error)
        )
          continue;
        const key = `${check.operation}: ${error}`;
        const seen = failures.get(key) ?? { example: `${request.method} ${request.path}`, count: 0 };
        failures.set(key, { ...seen, count: seen.count + 1 });
      }
    }
    const report = [...failures].map(([key, { example, count }]) => `${key} — ×${count}, e.g. ${example}`);
    expect(report).toEqual([]);
  });

  it("keeps what the contract says in its descriptions: limits, one search list, message fields", () => {
    const broken = new Set(checks().flatMap(({ request, check }) => proseFindings(check.operation, request)));
    const covered = new Set(PROSE_RULES.map((r) => r.operation));
    expect(checks().filter(({ check }) => covered.has(check.operation)).length).toBeGreaterThan(50);
    expect([...broken]).toEqual([]);
  });

  it("puts ids into paths as URL-safe Base64, as the agent and pod expect them", () => {
    const unsafe = checks().flatMap(({ check }) =>
      Object.entries(check.pathValues)
        .filter(([, value]) => !/^[A-Za-z0-9_-]+$/.test(value))
        .map(([name, value]) => `${check.operation}: {${name}} = ${value}`),
    );
    expect(checks().filter(({ check }) => "sid" in check.pathValues).length).toBeGreaterThan(50);
    expect(unsafe).toEqual([]);
  });

  it("no JSON body carries a field the contract does not name (the agent would drop it)", () => {
    const undeclared = checks().flatMap(({ check }) =>
      check.undeclared.map((u) => `${check.operation}: ${u}`),
    );
    expect([...new Set(undeclared)]).toEqual([]);
  });

  it("the only deprecated operations used are the ones chosen on purpose", () => {
    const deprecated = new Set(
      checks()
        .filter(({ check }) => check.deprecated)
        .map(({ check }) => check.operation),
    );
    expect([...deprecated].sort()).toEqual(Object.keys(DEPRECATED_ON_PURPOSE).sort());
  });

  it("the runs reached every operation the adapter has, and no other", () => {
    const reached = new Set(checks().map(({ check }) => check.operation));
    expect([...reached].sort()).toEqual([...EXPECTED_OPERATIONS].sort());
  });
});

function certificateConfig(port: number): SymphonyConfig {
  const service = { scheme: "http", host: "127.0.0.1", port, context: "" } as const;
  return {
    services: { pod: service, agent: service, keyManager: service, sessionAuth: service },
    // Over plain HTTP the client certificate is never presented: any bytes do.
    bot: { username: "sprig", auth: { kind: "certificate", format: "pem", certificate: new Uint8Array(1) } },
    datafeed: feed("v2"),
    retry: FAST_RETRY,
  };
}

function feed(version: "v1" | "v2", tag?: string) {
  return { version, ...(tag ? { tag } : {}), retry: { ...FAST_RETRY, maxAttempts: -1 } };
}

/** The adapter's calls beyond the todo bot's: through the bot where it can, its APIs where not. */
async function tour(pod: TestPod, running: SymphonyBot): Promise<void> {
  const { dev } = pod;
  const [alice, bob] = [pod.personId("alice"), pod.personId("bob")];
  const team = pod.roomId(TEAM.name);

  // A reply with a file; the file read back; the message read back by id.
  await dev.postText(team, alice, "/file");
  const [withFile] = await botMessages(dev, team, 1);
  const { messages, streams, users, sessionApi } = running.connection;
  const sent = await messages.get(withFile!.messageId);
  const fileId = sent.attachments?.[0]?.id;
  expect(fileId).toBeTypeOf("string");
  const bytes = await messages.attachment(team, withFile!.messageId, fileId!);
  expect(Buffer.from(bytes).equals(Buffer.from(NOTES))).toBe(true);

  // A form, pressed: the adapter updates it in place; history finds the new state by search.
  await dev.postText(team, alice, "/new");
  const [, form] = await botMessages(dev, team, 2);
  await dev.submitForm(team, form!.messageId, { as: bob, formId: "counter", action: "inc", values: {} });
  await untilBotMessages(dev, team, (m) => !m.some((x) => x.messageId === form!.messageId), "the update");
  await dev.postText(team, alice, "/count");
  await untilBotMessages(dev, team, (m) => m.some((x) => x.message.includes("latest 1")), "latest 1");
  expect(await messages.list(team, { since: 0, limit: 10 })).not.toHaveLength(0);

  // An update that arrives unread (silent is the update's field), and a send given the same object:
  // the create has no silent field, so the send leaves it out.
  const quiet: MessageUpdate = { message: "quiet", silent: false };
  const posted = await messages.send(team, quiet);
  await messages.update(team, posted.messageId!, { ...quiet, message: "quieter" });

  // Conversations: chats, a chat by id, members and admins (a room, and a group chat without
  // owners), a user, the bot's 1:1s, and ensure-chat making a room and adding its members.
  const conversations = running.platform.conversations;
  expect((await conversations.chats()).map((c) => c.name)).toContain(TEAM.name);
  const teamChat = (await conversations.chatById(team))!;
  expect((await conversations.members(teamChat)).map((u) => u.name)).toEqual(
    expect.arrayContaining(["alice", "bob"]),
  );
  expect((await conversations.admins(teamChat)).map((u) => u.name)).toEqual(["alice"]);
  const group = await dev.createIm([alice, bob, pod.personId("sprig")]);
  expect(await conversations.members(Chat.of("symphony", group))).toHaveLength(3);
  expect((await conversations.userById(String(bob)))?.name).toBe("bob");
  // The bot's 1:1s: IM streams listed (`streams/list`, type IM), their people named.
  await dev.createIm([alice, pod.personId("sprig")]);
  expect((await conversations.ims()).map((u) => u.name)).toContain("alice");
  const people = [User.of("symphony", String(alice)), User.of("symphony", String(bob))];
  const made = await conversations.ensureChat("Conformance room", people, {
    description: "made by the test",
  });

  // Rooms and users by the REST APIs the adapter exposes.
  const found = await streams.searchRooms({ query: "Conformance room" }, { skip: 0, limit: 10 });
  expect(found.rooms?.map((r) => r.roomAttributes?.name)).toContain("Conformance room");
  expect((await streams.roomInfo(made.id)).roomAttributes?.name).toBe("Conformance room");
  await streams.changeMembership(made.id, "promoteOwner", bob);
  await streams.changeMembership(made.id, "demoteOwner", bob);
  await streams.changeMembership(made.id, "remove", bob);
  expect(await users.lookup({ emails: ["cy@example.com"] })).toHaveLength(1);
  expect(await users.lookup({ usernames: ["dee"] }, { active: true })).toHaveLength(1);
  expect((await sessionApi.agentInfo()).version).toMatch(/^Agent-/);

  // The pod services a handler calls: users, presence, signals, blast / suppress / pin, room update
  // and deactivation, connections.
  const { presence, signals, connections } = running.connection;
  expect(
    (await users.search("bo", { local: true, filters: { accountTypes: ["NORMAL"] }, limit: 5 })).users,
  ).toHaveLength(1);
  const feed = await presence.createFeed();
  await presence.set("BUSY", { soft: false });
  await presence.setFor(alice, "AWAY");
  expect((await presence.of(alice, { local: true })).category).toBe("AWAY");
  expect((await presence.get()).category).toBe("BUSY");
  expect(await presence.all({ limit: 10 })).not.toEqual([]);
  expect(await presence.readFeed(feed)).toHaveLength(2);
  await presence.deleteFeed(feed);
  const signal = await signals.create({
    name: "Tour",
    query: "HASHTAG:tour",
    visibleOnProfile: false,
    companyWide: false,
  });
  const signalId = signal.id ?? "";
  await signals.update(signalId, { name: "Tour signal", query: "HASHTAG:tour OR CASHTAG:AAPL" });
  await signals.subscribe(signalId, [alice], { pushed: true });
  await signals.unsubscribe(signalId, [alice]);
  expect((await signals.subscribers(signalId, { skip: 0, limit: 10 })).total).toBe(1);
  expect((await signals.get(signalId)).name).toBe("Tour signal");
  expect(await signals.list({ skip: 0, limit: 10 })).toHaveLength(1);
  await signals.delete(signalId);
  const blast = await messages.blast([group, made.id], {
    message: "<b>to both</b>",
    data: { note: { type: "x" } },
  });
  expect(blast.messages).toHaveLength(2);
  await messages.suppress(blast.messages?.[0]?.messageId ?? "");
  await streams.pinMessage(made.id, blast.messages?.[1]?.messageId);
  const inGroup = await messages.send(group, { message: "pin me" });
  await streams.pinMessage(group, inGroup.messageId);
  expect((await streams.imInfo(group)).V1IMAttributes?.pinnedMessageId).toBeDefined();
  await streams.updateRoom(made.id, { description: "updated by the tour" });
  await streams.deactivateRoom(made.id);
  await streams.reactivateRoom(made.id);
  const outsider = await dev.createUser({
    username: "tour-outsider",
    displayName: "Outsider",
    external: true,
  });
  const asker = await dev.createUser({ username: "tour-asker", displayName: "Asker", external: true });
  const pest = await dev.createUser({ username: "tour-pest", displayName: "Pest", external: true });
  await connections.create(outsider.id);
  await dev.requestConnection("tour-asker", pod.personId("sprig"));
  await dev.requestConnection("tour-pest", pod.personId("sprig"));
  await connections.accept(asker.id);
  await connections.reject(pest.id);
  expect(await connections.list({ status: "ALL", userIds: [outsider.id, asker.id, pest.id] })).toHaveLength(
    3,
  );
  expect((await connections.info(asker.id)).status).toBe("ACCEPTED");
  await connections.remove(asker.id);

  // Admin views and the agent's health.
  expect((await users.adminDetail(alice)).userSystemInfo?.status).toBe("ENABLED");
  expect(
    await streams.adminUserStreams(alice, { streamTypes: [{ type: "ROOM" }] }, { skip: 0, limit: 10 }),
  ).not.toEqual([]);
  expect((await streams.adminMembers(team, { skip: 0, limit: 10 })).members).not.toEqual([]);
  expect((await running.connection.agentHealth.check()).status).toBe("UP");
  expect((await running.connection.agentHealth.extended()).status).toBe("UP");

  // The v2 feed is gone: the loop deletes it, makes a new one, and the bot answers again.
  await dev.addFault({ method: "POST", path: "/agent/v5/datafeeds/*/read", status: 400 });
  await dev.postText(team, alice, "/count");
  await untilBotMessages(
    dev,
    team,
    (m) => m.filter((x) => x.message.includes("latest 1")).length >= 2,
    "a reply",
  );
}
