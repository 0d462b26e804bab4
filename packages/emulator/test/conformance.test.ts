import { hasShared, readSharedJson } from "@sprig/shared-data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../src/index.ts";
import { shapeDifferences } from "./support/fixture-shape.ts";
import { asList, asRecord, asRecords, at, isRecord, type JsonRecord } from "./support/json-reading.ts";
import { checkResponse, validateAgainst } from "./support/openapi-contract.ts";
import {
  type Account,
  authHeaders,
  createAccount,
  createPerson,
  devJson,
  login,
  type Session,
} from "./support/scripted-client.ts";

/**
 * Drives every REST route a bot uses and checks each JSON response body against the upstream contract
 * (../shared/symphony-api-spec), then compares shapes with the upstream samples (../shared/fixtures).
 */
describe.skipIf(!hasShared())("conformance with the Symphony contract and samples", () => {
  let emu: Emulator;
  let bot: Account;
  let session: Session;
  let alice: { id: number };
  let bob: { id: number };
  const failures: string[] = [];
  const checked = new Set<string>();
  const bodies = new Map<string, unknown>();
  const events: JsonRecord[] = [];

  /** fetch + contract check of the JSON body. */
  async function call(
    method: string,
    path: string,
    init: { json?: unknown; form?: FormData; headers?: Record<string, string>; status?: number } = {},
  ) {
    const headers: Record<string, string> = { ...authHeaders(session), ...init.headers };
    let body: string | FormData | undefined;
    if (init.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(init.json);
    } else if (init.form) body = init.form;
    const res = await fetch(`${emu.url}${path}`, { method, headers, body });
    const text = await res.text();
    // A valid error body must not pass for a working route: the status is checked too.
    const expected = init.status ?? "2xx";
    if (expected === "2xx" ? res.status >= 300 : res.status !== expected) {
      failures.push(`${method} ${path}: status ${res.status} (expected ${expected}) ${text.slice(0, 200)}`);
    }
    const type = res.headers.get("content-type") ?? "";
    let parsed: unknown;
    if (type.includes("application/json")) {
      parsed = JSON.parse(text);
      const check = checkResponse(method, path.split("?")[0]!, res.status, parsed);
      checked.add(check.operation);
      for (const error of check.errors) failures.push(`${check.operation}: ${error}`);
    }
    return { status: res.status, body: parsed, text };
  }

  beforeAll(async () => {
    emu = await startEmulator({ datafeed: { longPollMs: 50 } });
    bot = await createAccount(emu.url, "conformance-bot");
    alice = await createPerson(emu.url, "alice");
    bob = await createPerson(emu.url, "bob");
    session = await login(emu.url, bot);
  });
  afterAll(() => emu.close());

  it("every route's JSON response validates against its schema", async () => {
    const token = (await import("./support/scripted-client.ts")).signJwt;
    const jwt = await token(bot.username, bot.privateKey);
    const loginRes = await call("POST", "/login/pubkey/authenticate", { json: { token: jwt } });
    expect(loginRes.status).toBe(200);
    expect((await call("POST", "/relay/pubkey/authenticate", { json: { token: jwt } })).status).toBe(200);
    const badLogin = await call("POST", "/login/pubkey/authenticate", {
      json: { token: "nope" },
      status: 401,
    });
    expect(badLogin.status).toBe(401);

    bodies.set("sessioninfo", (await call("GET", "/pod/v2/sessioninfo")).body);
    await call("GET", "/agent/v3/health");
    await call("GET", "/agent/v3/health/extended");
    await call("GET", "/pod/v1/podcert");
    await call("GET", "/sessionauth/v1/app/pod/certificate");
    const info = await call("GET", "/agent/v1/info");
    expect(at(info.body, "version")).toMatch(/^Agent-(\d+)\.(\d+)\./);

    const feed = await call("POST", "/agent/v5/datafeeds", { json: {} });
    expect(feed.status).toBe(201);
    await call("GET", "/agent/v5/datafeeds");
    const v1 = await call("POST", "/agent/v4/datafeed/create");

    const im = await call("POST", "/pod/v1/im/create", { json: [alice.id] });
    const imId = String(at(im.body, "id"));
    const room = await call("POST", "/pod/v3/room/create", {
      json: {
        name: "Conformance",
        description: "Created via the API",
        keywords: [{ key: "region", value: "EMEA" }],
        membersCanInvite: true,
      },
    });
    bodies.set("room", room.body);
    const roomId = String(at(room.body, "roomSystemInfo", "id"));
    await call("GET", `/pod/v3/room/${roomId}/info`);
    const search = await call("POST", "/pod/v3/room/search?limit=10", {
      json: { query: "conformance", active: true },
    });
    expect(asList(at(search.body, "rooms")).map((r) => at(r, "roomSystemInfo", "id"))).toEqual([roomId]);
    await call("POST", `/pod/v3/room/${roomId}/update`, { json: { description: "updated" } });
    await call("POST", `/pod/v1/room/${roomId}/membership/add`, { json: { id: alice.id } });
    await call("POST", `/pod/v1/room/${roomId}/membership/add`, { json: { id: bob.id } });
    await call("POST", `/pod/v1/room/${roomId}/membership/promoteOwner`, { json: { id: alice.id } });
    await call("POST", `/pod/v1/room/${roomId}/membership/demoteOwner`, { json: { id: alice.id } });
    await call("POST", `/pod/v1/room/${roomId}/membership/remove`, { json: { id: bob.id } });
    await call("GET", `/pod/v2/room/${roomId}/membership/list`);
    await call("POST", `/pod/v1/room/${roomId}/setActive?active=false`);
    await call("POST", `/pod/v1/room/${roomId}/setActive?active=true`);
    bodies.set(
      "streams",
      (
        await call("POST", "/pod/v1/streams/list", {
          json: { streamTypes: [{ type: "IM" }, { type: "ROOM" }] },
        })
      ).body,
    );
    bodies.set("users", (await call("GET", `/pod/v3/users?uid=${alice.id},${bot.id}`)).body);
    await call("GET", `/pod/v2/user?uid=${alice.id}`);

    const form = new FormData();
    form.set(
      "message",
      `<messageML>Hello <mention uid="${alice.id}"/> <hash tag="news"/> <cash tag="AAPL"/></messageML>`,
    );
    form.set("data", JSON.stringify({ obj1: { type: "org.example", version: "1.0" } }));
    form.append("attachment", new Blob([Buffer.from("file content")], { type: "text/plain" }), "notes.txt");
    const created = await call("POST", `/agent/v4/stream/${imId}/message/create`, { form });
    expect(created.status).toBe(200);
    bodies.set("message", created.body);
    const messageId = String(at(created.body, "messageId"));
    const update = new FormData();
    update.set("message", "<messageML>Hello again</messageML>");
    const updated = await call("POST", `/agent/v4/stream/${imId}/message/${messageId}/update`, {
      form: update,
    });
    expect(at(updated.body, "replacing")).toBe(messageId);
    const withAttachment = new FormData();
    withAttachment.set("message", "<messageML>file</messageML>");
    withAttachment.append("attachment", new Blob([Buffer.from("payload")]), "data.bin");
    const fileMessage = await call("POST", `/agent/v4/stream/${imId}/message/create`, {
      form: withAttachment,
    });
    await call("GET", `/agent/v4/stream/${imId}/message?since=0`);
    await call("GET", `/agent/v1/message/${String(at(updated.body, "messageId"))}`);
    await call("GET", "/agent/v1/message/search?query=hashtag:news");
    await call("POST", "/agent/v1/message/search", { json: { streamId: imId, text: "file" } });
    const fileId = String(at(fileMessage.body, "attachments", 0, "id"));
    const fileMessageId = String(at(fileMessage.body, "messageId"));
    const download = await call(
      "GET",
      `/agent/v1/stream/${imId}/attachment?fileId=${fileId}&messageId=${fileMessageId}`,
    );
    expect(Buffer.from(download.text, "base64").toString()).toBe("payload");
    await call("GET", `/pod/v1/streams/${imId}/attachments`);
    bodies.set("streamInfo", (await call("GET", `/pod/v2/streams/${imId}/info`)).body);
    bodies.set(
      "suppress",
      (await call("POST", `/pod/v1/admin/messagesuppression/${fileMessageId}/suppress`)).body,
    );

    // Form submission by a person → SYMPHONYELEMENTSACTION in the bot's feed.
    const formMessage = await devJson<{ messageId: string }>(emu.url, `/streams/${imId}/messages`, {
      as: bot.id,
      messageML:
        '<messageML><form id="f"><text-field name="t"/><button name="go">Go</button></form></messageML>',
    });
    await devJson(emu.url, `/streams/${imId}/messages/${formMessage.messageId}/form`, {
      as: alice.id,
      formId: "f",
      action: "go",
      values: { t: "x" },
    });
    await devJson(emu.url, `/streams/${imId}/messages`, {
      as: alice.id,
      text: "hi @conformance-bot #tag $TSLA",
    });

    let ackId = "";
    const feedId = String(at(feed.body, "id"));
    for (let i = 0; i < 10; i++) {
      const read = await call("POST", `/agent/v5/datafeeds/${feedId}/read`, { json: { ackId } });
      ackId = String(at(read.body, "ackId"));
      const batch = asRecords(at(read.body, "events"), "events");
      if (batch.length === 0) break;
      events.push(...batch);
    }
    await call("GET", `/agent/v4/datafeed/${String(at(v1.body, "id"))}/read`);
    await call("DELETE", `/agent/v5/datafeeds/${feedId}`);

    const unauthorized = await call("GET", "/pod/v2/sessioninfo", {
      headers: { sessionToken: "expired" },
      status: 401,
    });
    expect(unauthorized.status).toBe(401);
    const missing = await call("GET", "/agent/v1/message/AAAA", { status: 400 });
    expect(missing.status).toBe(400);

    expect(failures).toEqual([]);
    expect(checked.size).toBeGreaterThanOrEqual(30);
  });

  it("the datafeed carried every event type the scenario caused, each a valid V4Event", () => {
    const types = new Set(events.map((e) => e.type));
    for (const type of [
      "MESSAGESENT",
      "MESSAGESUPPRESSED",
      "SYMPHONYELEMENTSACTION",
      "INSTANTMESSAGECREATED",
      "ROOMCREATED",
      "ROOMUPDATED",
      "ROOMDEACTIVATED",
      "ROOMREACTIVATED",
      "USERJOINEDROOM",
      "USERLEFTROOM",
      "ROOMMEMBERPROMOTEDTOOWNER",
      "ROOMMEMBERDEMOTEDFROMOWNER",
    ]) {
      expect(types, type).toContain(type);
    }
    for (const event of events) {
      expect(validateAgainst("agent", "V4Event", event), String(event.type)).toEqual([]);
      expect(at(event, "initiator", "user", "userId"), String(event.type)).toBeTypeOf("number");
    }
  });

  it("event shapes match the upstream samples of the same type", () => {
    const ignoreByType: Record<string, string[]> = {
      // Upstream samples that are not what a pod sends today (see fixtures/README.md).
      MESSAGESENT: ["$.payload.messageSent.message.userAgent", "$.payload.messageSent.message.user.userName"],
      // formValues depend on the form; forms.test.ts compares them with the Elements samples one by one.
      SYMPHONYELEMENTSACTION: ["$.payload.symphonyElementsAction.formValues"],
    };
    const compared = new Set<string>();
    for (const event of events) {
      const type = String(event.type);
      if (compared.has(type)) continue;
      compared.add(type);
      const sample = readSharedJson(`fixtures/events/${type}.json`);
      expect(shapeDifferences(event, sample, ignoreByType[type] ?? []), type).toEqual([]);
    }
    const messageData = (event: unknown) => String(at(event, "payload", "messageSent", "message", "data"));
    const mentions = events.find((e) => e.type === "MESSAGESENT" && messageData(e).includes("mention"));
    const sample = readSharedJson("fixtures/events/MESSAGESENT-mentions-hashtags-cashtags.json");
    const ourData: unknown = JSON.parse(messageData(mentions));
    const sampleData: unknown = JSON.parse(messageData(sample));
    const byType = (data: unknown, type: string) =>
      Object.values(asRecord(data)).find((e) => isRecord(e) && e.type === type);
    for (const type of [
      "com.symphony.user.mention",
      "org.symphonyoss.taxonomy",
      "org.symphonyoss.fin.security",
    ]) {
      // The docs sample writes the mentioned user id as a number; the agent (messageml-utils) writes a string.
      expect(
        shapeDifferences(byType(ourData, type), byType(sampleData, type), ["$.id[].value"]),
        type,
      ).toEqual([]);
    }
  });

  it("REST response shapes match the BDK samples", () => {
    const pairs: Array<[string, unknown, string, string[]]> = [
      // Profile fields this account simply does not have (no last name, title or location given).
      [
        "sessioninfo",
        bodies.get("sessioninfo"),
        "fixtures/bdk/res_response/bot_info.json",
        ["$.lastName", "$.title", "$.location"],
      ],
      ["message", bodies.get("message"), "fixtures/bdk/message/send_message.json", []],
      ["room", bodies.get("room"), "fixtures/bdk/stream/v3_room_detail.json", []],
      ["streams", bodies.get("streams"), "fixtures/bdk/stream/list_stream.json", []],
      ["streamInfo", bodies.get("streamInfo"), "fixtures/bdk/stream/v2_stream_attributes.json", []],
      ["users", bodies.get("users"), "fixtures/bdk/user/users.json", []],
      ["suppress", bodies.get("suppress"), "fixtures/bdk/message/suppress_message.json", []],
    ];
    for (const [name, ours, file, ignore] of pairs) {
      expect(shapeDifferences(ours, readSharedJson(file), ignore), name).toEqual([]);
    }
  });
});
