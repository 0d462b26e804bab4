import { hasShared } from "@sprig/shared-data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../src/index.ts";
import { type ContractOperation, checkResponse, contractOperations } from "./support/openapi-contract.ts";
import {
  type Account,
  authHeaders,
  createAccount,
  createPerson,
  devJson,
  login,
  sendMessage,
} from "./support/scripted-client.ts";

/**
 * How much of the Symphony contract the emulator serves, counted from its own route table (so a
 * route added anywhere counts), and every served operation called once with plain input: whatever
 * it answers — a result or a refusal — must be what the contract declares for that status.
 * conformance.test.ts checks the successful answers of a full scenario; this catches the rest.
 */
describe.skipIf(!hasShared())("conformance count: the contract's operations the emulator serves", () => {
  let emu: Emulator;
  let bot: Account;
  let ids: { stream: string; message: string; user: number; feed: string };

  beforeAll(async () => {
    emu = await startEmulator({ datafeed: { longPollMs: 20 }, log: () => undefined });
    bot = await createAccount(emu.url, "count-bot");
    const alice = await createPerson(emu.url, "alice");
    const stream = (
      await devJson<{ streamId: string }>(emu.url, "/rooms", {
        name: "Counted",
        creatorId: bot.id,
        memberIds: [alice.id],
        ownerIds: [],
      })
    ).streamId;
    const session = await login(emu.url, bot);
    const sent = (await (
      await sendMessage(emu.url, session, stream, "<messageML>hi</messageML>")
    ).json()) as {
      messageId: string;
    };
    const feed = (await (
      await fetch(`${emu.url}/agent/v5/datafeeds`, { method: "POST", headers: authHeaders(session) })
    ).json()) as { id: string };
    ids = { stream, message: sent.messageId, user: alice.id, feed: feed.id };
  });
  afterAll(() => emu.close());

  /** The route of the emulator's table that serves this operation under one of its context paths. */
  function servedPath(operation: ContractOperation): string | undefined {
    for (const prefix of operation.prefixes) {
      const wanted = `${prefix}${operation.template}`.split("/");
      const route = emu.routes.find((r) => {
        const have = r.path.split("/");
        return (
          r.method === operation.method &&
          have.length === wanted.length &&
          have.every((segment, i) => segment.startsWith(":") || segment === wanted[i])
        );
      });
      if (route) return `${prefix}${operation.template}`;
    }
    return undefined;
  }

  /** A concrete path: each `{param}` filled with an id of the right kind. */
  function concrete(path: string): string {
    return path.replace(/\{([^}]+)\}/g, (_all, name: string) => {
      if (/feed/i.test(name)) return ids.feed;
      if (/^(mid|messageId)$/.test(name) || (name === "id" && /message/.test(path))) return ids.message;
      if (/^(uid|userId)$/.test(name) || (name === "id" && /user|connection/.test(path)))
        return String(ids.user);
      if (/^(sid|id|streamId)$/.test(name)) return ids.stream;
      return "x";
    });
  }

  it("counts them, and every one it serves answers within its schema", async () => {
    const operations = contractOperations();
    const served = operations.flatMap((op) => {
      const path = servedPath(op);
      return path ? [{ op, path }] : [];
    });
    console.log(`The emulator serves ${served.length} of the contract's ${operations.length} operations.`);
    expect(operations.length).toBe(201);
    expect(served.length).toBeGreaterThanOrEqual(78); // so a route table read wrong cannot pass as "nothing to check"

    const failures: string[] = [];
    // Destructive calls last: deleting the feed, then logging out.
    const order = (method: string, path: string) =>
      (method === "DELETE" ? 2 : 0) + (/logout/.test(path) ? 3 : 0) + (method === "POST" ? 1 : 0);
    served.sort((a, b) => order(a.op.method, a.path) - order(b.op.method, b.path));
    const session = await login(emu.url, bot);
    for (const { op, path } of served) {
      const url = concrete(path);
      // The body the operation takes, empty: a multipart form, or a JSON object.
      const multipart = op.consumes.includes("multipart/form-data");
      const json = !multipart && op.method !== "GET" && op.method !== "DELETE";
      const res = await fetch(`${emu.url}${url}`, {
        method: op.method,
        headers: { ...authHeaders(session), ...(json ? { "content-type": "application/json" } : {}) },
        ...(multipart ? { body: new FormData() } : json ? { body: "{}" } : {}),
      });
      const text = await res.text();
      if (res.status >= 500) failures.push(`${op.method} ${url}: ${res.status} ${text.slice(0, 200)}`);
      if (!(res.headers.get("content-type") ?? "").includes("application/json")) continue;
      const check = checkResponse(op.method, url, res.status, JSON.parse(text));
      for (const error of check.errors) failures.push(`${op.method} ${path} → ${res.status}: ${error}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
