import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../src/index.ts";
import { fill, ROUTES } from "./support/route-catalogue.ts";
import {
  authHeaders,
  createAccount,
  createPerson,
  devJson,
  login,
  type Session,
} from "./support/scripted-client.ts";

/** Bad input on every route → the right status and an error body; never a crash, never a 500. */
describe("bad input", () => {
  let emu: Emulator;
  let session: Session;
  let ids: { sid: string; mid: string; feed: string };
  const internalErrors: string[] = [];

  beforeAll(async () => {
    emu = await startEmulator({
      maxJsonBodyBytes: 64 * 1024,
      maxMultipartBodyBytes: 256 * 1024,
      datafeed: { longPollMs: 10 },
      log: (line) => internalErrors.push(line),
    });
    const bot = await createAccount(emu.url, "robust-bot");
    const alice = await createPerson(emu.url, "alice");
    session = await login(emu.url, bot);
    const sid = (
      await devJson<{ streamId: string }>(emu.url, "/rooms", {
        name: "R",
        creatorId: bot.id,
        memberIds: [alice.id],
      })
    ).streamId;
    const mid = (
      await devJson<{ messageId: string }>(emu.url, `/streams/${sid}/messages`, { as: bot.id, text: "hi" })
    ).messageId;
    const feedRes = await fetch(`${emu.url}/agent/v5/datafeeds`, {
      method: "POST",
      headers: authHeaders(session),
    });
    ids = { sid, mid, feed: ((await feedRes.json()) as { id: string }).id };
  });
  afterAll(async () => {
    await emu.close();
    expect(internalErrors).toEqual([]);
  });

  async function expectError(res: Response, status: number, what: string) {
    expect(res.status, what).toBe(status);
    const body = (await res.json()) as { code: unknown; message: unknown };
    expect(body.code, what).toBe(status);
    expect(typeof body.message, what).toBe("string");
  }

  const url = (path: string) => `${emu.url}${fill(path, ids)}`;

  it("missing or bogus tokens → 401 on every authenticated route", async () => {
    for (const route of ROUTES.filter((r) => r.auth !== "none")) {
      await expectError(
        await fetch(url(route.path), { method: route.method }),
        401,
        `${route.method} ${route.path} (no headers)`,
      );
      const bogus = { sessionToken: "bogus", keyManagerToken: "bogus" };
      await expectError(
        await fetch(url(route.path), { method: route.method, headers: bogus }),
        401,
        `${route.method} ${route.path} (bogus)`,
      );
    }
  });

  it("malformed JSON → 400 and a non-JSON content type → 415 on every JSON route", async () => {
    for (const route of ROUTES.filter((r) => r.body === "json")) {
      const headers = authHeaders(session);
      const what = `${route.method} ${route.path}`;
      await expectError(
        await fetch(url(route.path), {
          method: route.method,
          headers: { ...headers, "content-type": "application/json" },
          body: '{"token": ',
        }),
        400,
        `${what} (malformed)`,
      );
      await expectError(
        await fetch(url(route.path), {
          method: route.method,
          headers: { ...headers, "content-type": "text/plain" },
          body: "{}",
        }),
        415,
        `${what} (text/plain)`,
      );
    }
  });

  it("an oversized body → 413 on every route that reads one", async () => {
    // Past every limit: the dev API's message post takes files in Base64 (4/3 of the multipart limit).
    const big = JSON.stringify({ text: "x".repeat(1024 * 1024) });
    for (const route of ROUTES.filter((r) => r.body !== "none")) {
      const contentType = route.body === "json" ? "application/json" : "multipart/form-data; boundary=x";
      const res = await fetch(url(route.path), {
        method: route.method,
        headers: { ...authHeaders(session), "content-type": contentType },
        body: big,
      });
      await expectError(res, 413, `${route.method} ${route.path}`);
    }
  });

  it("message create: wrong content type → 415, missing message part → 400, invalid MessageML → 400 with the agent's text", async () => {
    const path = `/agent/v4/stream/${ids.sid}/message/create`;
    await expectError(
      await fetch(url(path), {
        method: "POST",
        headers: { ...authHeaders(session), "content-type": "application/json" },
        body: "{}",
      }),
      415,
      "json",
    );
    const empty = new FormData();
    empty.set("data", "{}");
    await expectError(
      await fetch(url(path), { method: "POST", headers: authHeaders(session), body: empty }),
      400,
      "no message",
    );
    const invalid = new FormData();
    invalid.set("message", "<notMessageML>hi</notMessageML>");
    const res = await fetch(url(path), { method: "POST", headers: authHeaders(session), body: invalid });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(
      /Root tag must be <messageML> or <div>/,
    );
    const badData = new FormData();
    badData.set("message", "<messageML>hi</messageML>");
    badData.set("data", "{not json");
    await expectError(
      await fetch(url(path), { method: "POST", headers: authHeaders(session), body: badData }),
      400,
      "bad data",
    );
  });

  it("message content over the agent's size limit → 400 PAYLOAD_TOO_LARGE", async () => {
    const form = new FormData();
    form.set("message", `<messageML>${"x".repeat(1.6 * 1024 * 1024)}</messageML>`);
    const big = await startEmulator({ maxMultipartBodyBytes: 4 * 1024 * 1024 });
    try {
      const bot = await createAccount(big.url, "size-bot");
      const s = await login(big.url, bot);
      const alice = await createPerson(big.url, "alice");
      const sid = (await devJson<{ streamId: string }>(big.url, "/ims", { userIds: [bot.id, alice.id] }))
        .streamId;
      const res = await fetch(`${big.url}/agent/v4/stream/${sid}/message/create`, {
        method: "POST",
        headers: authHeaders(s),
        body: form,
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toMatch(
        /LIMIT_MESSAGE_CONTENT_MAX_TOTAL_SIZE_REACHED/,
      );
    } finally {
      await big.close();
    }
  });

  it("bad ids → 400, unknown ids → 400 with the id named, both Base64 alphabets accepted", async () => {
    const headers = authHeaders(session);
    await expectError(
      await fetch(`${emu.url}/pod/v2/streams/not*an*id/info`, { headers }),
      400,
      "bad stream id",
    );
    await expectError(
      await fetch(`${emu.url}/agent/v1/message/%E2%9C%93`, { headers }),
      400,
      "bad message id",
    );
    await expectError(
      await fetch(`${emu.url}/pod/v2/streams/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/info`, { headers }),
      400,
      "unknown stream",
    );
    const standard = ids.sid.replace(/-/g, "+").replace(/_/g, "/");
    const info = await fetch(`${emu.url}/pod/v2/streams/${encodeURIComponent(`${standard}==`)}/info`, {
      headers,
    });
    expect(info.status).toBe(200);
    expect(((await info.json()) as { id: string }).id).toBe(ids.sid);
  });

  it("unknown route → 404, wrong method → 405, both with an error body", async () => {
    await expectError(await fetch(`${emu.url}/pod/v9/nothing`), 404, "unknown");
    await expectError(await fetch(`${emu.url}/pod/v2/sessioninfo`, { method: "DELETE" }), 405, "method");
  });

  it("fault injection: status, body, times, and clearing", async () => {
    await devJson(emu.url, "/faults", { path: "/pod/v2/sessioninfo", status: 503, times: 2 });
    const headers = authHeaders(session);
    expect((await fetch(`${emu.url}/pod/v2/sessioninfo`, { headers })).status).toBe(503);
    expect((await fetch(`${emu.url}/pod/v2/sessioninfo`, { headers })).status).toBe(503);
    expect((await fetch(`${emu.url}/pod/v2/sessioninfo`, { headers })).status).toBe(200);
    await devJson(emu.url, "/faults", {
      method: "POST",
      path: "/agent/v5/datafeeds/*/read",
      status: 400,
      body: { code: 400, message: "gone" },
      times: 5,
    });
    const read = await fetch(`${emu.url}/agent/v5/datafeeds/${ids.feed}/read`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: "{}",
    });
    expect(await read.json()).toEqual({ code: 400, message: "gone" });
    await fetch(`${emu.url}/emulator/v1/faults`, { method: "DELETE" });
    const after = await fetch(`${emu.url}/agent/v5/datafeeds/${ids.feed}/read`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: "{}",
    });
    expect(after.status).toBe(200);
    // A delay alone lets the request through afterwards (the timing itself is the bench's business).
    await devJson(emu.url, "/faults", { path: "/pod/v2/sessioninfo", delayMs: 20 });
    expect((await fetch(`${emu.url}/pod/v2/sessioninfo`, { headers })).status).toBe(200);
    await devJson(emu.url, "/faults", { path: "/pod/v2/sessioninfo", drop: true });
    await expect(fetch(`${emu.url}/pod/v2/sessioninfo`, { headers })).rejects.toThrow();
    for (const bad of [
      {},
      { path: "no-slash", status: 500 },
      { path: "/x", status: 42 },
      { path: "/x", status: 500, times: 0 },
      { path: "/x" },
    ]) {
      const res = await fetch(`${emu.url}/emulator/v1/faults`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(bad),
      });
      await expectError(res, 400, JSON.stringify(bad));
    }
  });

  it("fuzz: random MessageML, data and multipart bodies on message create → 200 or 4xx with an error body", async () => {
    const valid = [
      "<messageML>hi <b>there</b></messageML>",
      '<messageML><form id="f"><text-field name="t"/><button name="b">B</button></form></messageML>',
    ];
    const message = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.constantFrom(...valid),
      fc
        .tuple(fc.constantFrom(...valid), fc.nat(60), fc.string({ maxLength: 8 }))
        .map(([v, at, junk]) => v.slice(0, at) + junk + v.slice(at)),
    );
    const data = fc.option(
      fc.oneof(
        fc.string({ maxLength: 80 }),
        fc.jsonValue().map((v) => JSON.stringify(v)),
      ),
      { nil: undefined },
    );
    const path = `/agent/v4/stream/${ids.sid}/message/create`;
    await fc.assert(
      fc.asyncProperty(message, data, fc.boolean(), async (text, entityData, raw) => {
        let res: Response;
        if (raw) {
          // Hand-made multipart with whatever the generator produced as its body.
          res = await fetch(url(path), {
            method: "POST",
            headers: { ...authHeaders(session), "content-type": "multipart/form-data; boundary=zz" },
            body: `--zz\r\nContent-Disposition: form-data; name="message"\r\n\r\n${text}${entityData ?? ""}`,
          });
        } else {
          const form = new FormData();
          form.set("message", text);
          if (entityData !== undefined) form.set("data", entityData);
          res = await fetch(url(path), { method: "POST", headers: authHeaders(session), body: form });
        }
        expect([200, 400]).toContain(res.status);
        const body = (await res.json()) as { code?: number; message?: string; messageId?: string };
        if (res.status === 400) expect(typeof body.message).toBe("string");
        else expect(typeof body.messageId).toBe("string");
      }),
      { numRuns: 150 },
    );
  });

  it("fuzz: random methods, paths, headers and bodies over every route never crash it or answer 500", async () => {
    const headerSets = fc.constantFrom<Record<string, string>>(
      {},
      authHeaders(session),
      { sessionToken: "x" },
      { ...authHeaders(session), "content-type": "application/json" },
    );
    const segment = fc.oneof(
      fc.constant(ids.sid),
      fc.constant(ids.mid),
      fc.string({ maxLength: 40 }),
      fc.constant("..%2F"),
      fc.constant("%"),
    );
    const body = fc.oneof(
      fc.constant(undefined),
      fc.json().map((j) => j),
      fc.string({ maxLength: 200 }),
      fc.jsonValue().map((v) =>
        JSON.stringify({
          values: v,
          as: v,
          formId: "f",
          action: "go",
          token: v,
          id: v,
          ackId: v,
          name: v,
          userIds: v,
        }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        segment,
        headerSets,
        body,
        fc.constantFrom("GET", "POST", "DELETE", "PUT"),
        async (route, seg, headers, payload, otherMethod) => {
          const path = fill(route.path, {
            sid: encodeURIComponent(seg),
            mid: encodeURIComponent(seg),
            feed: encodeURIComponent(seg),
          });
          const method = payload === undefined && route.body !== "none" ? otherMethod : route.method;
          if (route.path.startsWith("/emulator/v1/faults")) return; // faults would sabotage later runs
          const init: RequestInit = { method, headers };
          if (payload !== undefined && method !== "GET") init.body = payload;
          const res = await fetch(`${emu.url}${path}`, init);
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) {
            const error = (await res.json()) as { code: number; message: string };
            expect(error.code).toBe(res.status);
            expect(typeof error.message).toBe("string");
          } else {
            await res.arrayBuffer();
          }
        },
      ),
      { numRuns: 400 },
    );
    // Still healthy afterwards.
    expect((await fetch(`${emu.url}/pod/v2/sessioninfo`, { headers: authHeaders(session) })).status).toBe(
      200,
    );
  });
});
