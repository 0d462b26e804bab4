import { hasShared, readShared, readSharedJson } from "@sprig/shared-data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../src/index.ts";
import { asRecord, at } from "./support/json-reading.ts";
import { createPerson, devJson, devPost } from "./support/scripted-client.ts";
import type { WireEvent } from "./support/wire-shapes.ts";

describe("Elements form submission through the dev API", () => {
  let emu: Emulator;
  let bot: { id: number };
  let alice: { id: number };
  let carol: { id: number };
  let im: string;
  const live: WireEvent[] = [];
  let abort: AbortController;

  const postForm = async (messageML: string) =>
    (await devJson<{ messageId: string }>(emu.url, `/streams/${im}/messages`, { as: bot.id, messageML }))
      .messageId;
  const submit = (messageId: string, body: Record<string, unknown>) =>
    devPost(emu.url, `/streams/${im}/messages/${messageId}/form`, body);

  beforeAll(async () => {
    emu = await startEmulator();
    bot = await createPerson(emu.url, "formbot", { bot: true });
    alice = await createPerson(emu.url, "alice");
    carol = await createPerson(emu.url, "carol");
    im = (await devJson<{ streamId: string }>(emu.url, "/ims", { userIds: [alice.id, bot.id] })).streamId;
    // The bot's live stream (SSE) records what the bot would see.
    abort = new AbortController();
    const res = await fetch(`${emu.url}/emulator/v1/users/${bot.id}/events`, { signal: abort.signal });
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = "";
      try {
        for await (const chunk of res.body!) {
          buffer += decoder.decode(chunk as Uint8Array, { stream: true });
          let end = buffer.indexOf("\n\n");
          while (end >= 0) {
            const data = buffer
              .slice(0, end)
              .split("\n")
              .find((l) => l.startsWith("data: "));
            if (data) live.push(JSON.parse(data.slice(6)) as WireEvent);
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf("\n\n");
          }
        }
      } catch {
        // aborted at the end of the file
      }
    })();
  });
  afterAll(async () => {
    abort.abort();
    await emu.close();
  });

  const lastAction = async () => {
    for (let i = 0; i < 50; i++) {
      const found = live.findLast((e) => e.type === "SYMPHONYELEMENTSACTION");
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error("no SYMPHONYELEMENTSACTION on the live stream");
  };

  it("emits SYMPHONYELEMENTSACTION with action, pre-filled values, and unchecked boxes absent", async () => {
    const mid = await postForm(
      `<messageML><form id="f"><text-field name="title">draft</text-field><textarea name="notes"/>` +
        `<checkbox name="urgent" value="yes" checked="true">Urgent</checkbox><checkbox name="cc" value="me">CC</checkbox>` +
        `<select name="size"><option value="s">S</option><option value="m" selected="true">M</option></select>` +
        `<person-selector name="who"/><button name="save">Save</button><button type="reset">Reset</button></form></messageML>`,
    );
    const res = await submit(mid, {
      as: alice.id,
      formId: "f",
      action: "save",
      values: { notes: "n", who: [carol.id] },
    });
    expect(res.status).toBe(201);
    const event = (await res.json()) as WireEvent;
    expect(event.type).toBe("SYMPHONYELEMENTSACTION");
    expect(event.initiator.user.userId).toBe(alice.id);
    const action = asRecord(event.payload.symphonyElementsAction);
    expect(action).toMatchObject({
      stream: { streamId: im, streamType: "IM" },
      formMessageId: mid,
      formId: "f",
    });
    expect(action.formValues).toEqual({
      action: "save",
      title: "draft",
      notes: "n",
      urgent: "yes",
      size: "m",
      who: [carol.id],
    });
    expect((await lastAction()).id).toBe(event.id);
  });

  it("disables the form for that person after one submission, unless multi-submit", async () => {
    const once = await postForm(
      '<messageML><form id="once"><button name="ok">OK</button></form></messageML>',
    );
    expect((await submit(once, { as: alice.id, formId: "once", action: "ok" })).status).toBe(201);
    const again = await submit(once, { as: alice.id, formId: "once", action: "ok" });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ code: 400, reason: "FORM_DISABLED" });
    const many = await postForm(
      '<messageML><form id="many" multi-submit="reset"><button name="ok">OK</button></form></messageML>',
    );
    expect((await submit(many, { as: alice.id, formId: "many", action: "ok" })).status).toBe(201);
    expect((await submit(many, { as: alice.id, formId: "many", action: "ok" })).status).toBe(201);
  });

  it("rejects forged submissions with the reason, and emits nothing", async () => {
    const mid = await postForm(
      '<messageML><form id="g"><select name="pick"><option value="a">A</option></select><button name="go">Go</button></form></messageML>',
    );
    const before = live.length;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ as: alice.id, formId: "nope", action: "go" }, "UNKNOWN_FORM"],
      [{ as: alice.id, formId: "g", action: "delete-everything" }, "UNKNOWN_BUTTON"],
      [{ as: alice.id, formId: "g", action: "go", values: { admin: "true" } }, "UNKNOWN_FIELD"],
      [{ as: alice.id, formId: "g", action: "go", values: { pick: "z" } }, "INVALID_VALUE"],
      [{ as: alice.id, formId: "g", action: "go", values: { pick: ["a", "a"] } }, "INVALID_VALUE"],
      [{ as: alice.id, formId: "g", action: "go", values: { action: "go" } }, "UNKNOWN_FIELD"],
      [{ as: carol.id, formId: "g", action: "go" }, "NOT_A_MEMBER"],
      [{ as: 999, formId: "g", action: "go" }, "UNKNOWN_USER"],
      [{ as: alice.id, action: "go" }, "MISSING_FIELD"],
      [{ as: alice.id, formId: "g", action: "go", values: "pick=a" }, "INVALID_BODY"],
    ];
    for (const [body, reason] of cases) {
      const res = await submit(mid, body);
      expect(res.status, reason).toBe(400);
      expect(await res.json(), reason).toMatchObject({ code: 400, reason });
    }
    const unknownMessage = await submit("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", {
      as: alice.id,
      formId: "g",
      action: "go",
    });
    expect(unknownMessage.status).toBe(400);
    await new Promise((r) => setTimeout(r, 30));
    expect(live.slice(before).filter((e) => e.type === "SYMPHONYELEMENTSACTION")).toEqual([]);
  });

  it("enforces what the client enforces: required, lengths, pattern, read-only fields; formnovalidate skips it", async () => {
    const mid = await postForm(
      '<messageML><form id="v" multi-submit="reset"><text-field name="code" required="true" minlength="2" maxlength="4" pattern="^[a-z]+$" pattern-error-message="letters"/>' +
        '<text-field name="fixed" readonly="true">locked</text-field><person-selector name="who" required="true"/>' +
        '<button name="send">Send</button><button name="skip" formnovalidate="true">Skip</button></form></messageML>',
    );
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ who: [carol.id] }, "REQUIRED_FIELD"],
      [{ code: "abc" }, "REQUIRED_FIELD"],
      [{ code: "a", who: [carol.id] }, "INVALID_VALUE"],
      [{ code: "abcde", who: [carol.id] }, "INVALID_VALUE"],
      [{ code: "AB1", who: [carol.id] }, "INVALID_VALUE"],
      [{ code: "abc", who: [carol.id], fixed: "changed" }, "INVALID_VALUE"],
    ];
    for (const [values, reason] of cases) {
      const res = await submit(mid, { as: alice.id, formId: "v", action: "send", values });
      expect(res.status, JSON.stringify(values)).toBe(400);
      expect(await res.json(), JSON.stringify(values)).toMatchObject({ reason });
    }
    const ok = await submit(mid, {
      as: alice.id,
      formId: "v",
      action: "send",
      values: { code: "abc", who: [carol.id] },
    });
    expect(ok.status).toBe(201);
    expect(at(((await ok.json()) as WireEvent).payload, "symphonyElementsAction", "formValues")).toEqual({
      action: "send",
      code: "abc",
      fixed: "locked",
      who: [carol.id],
    });
    expect((await submit(mid, { as: alice.id, formId: "v", action: "skip" })).status).toBe(201);
  });

  it("matches a pattern as Java does: inline flags, possessive quantifiers, atomic groups, Java's ASCII \\w", async () => {
    const field = (name: string, pattern: string) =>
      `<text-field name="${name}" pattern="${pattern}" pattern-error-message="no"/>`;
    const mid = await postForm(
      `<messageML><form id="j" multi-submit="reset">${field("ci", "(?i)^[a-z]+$")}${field("pos", "a++a")}` +
        `${field("atom", "(?>a+)ab")}${field("word", "\\w+")}<button name="go">Go</button></form></messageML>`,
    );
    const send = (values: Record<string, unknown>) =>
      submit(mid, { as: alice.id, formId: "j", action: "go", values });
    // (?i) takes upper case; a possessive a++ or an atomic group gives back nothing for what follows.
    expect((await send({ ci: "ABC" })).status).toBe(201);
    for (const values of [{ ci: "AB1" }, { pos: "aaa" }, { atom: "aaab" }, { word: "é" }]) {
      const res = await send(values);
      expect(res.status, JSON.stringify(values)).toBe(400);
      expect(await res.json()).toMatchObject({ reason: "INVALID_VALUE" });
    }
    expect((await send({ ci: "aBc", word: "abc_1" })).status).toBe(201);
  });

  it("a text-field takes what the client lets a person type: 128 characters (or its maxlength); a textarea 10,000", async () => {
    const mid = await postForm(
      '<messageML><form id="long" multi-submit="reset"><text-field name="line"/><text-field name="short" maxlength="5"/>' +
        '<textarea name="notes"/><button name="go">Go</button><button name="skip" formnovalidate="true">Skip</button></form></messageML>',
    );
    const send = (action: string, values: Record<string, unknown>) =>
      submit(mid, { as: alice.id, formId: "long", action, values });
    const refused = await send("go", { line: "x".repeat(129) });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      reason: "INVALID_VALUE",
      message: expect.stringContaining("at most 128 characters"),
    });
    // Skipping validation does not lift it: the client never lets more be typed.
    expect((await send("skip", { line: "x".repeat(129) })).status).toBe(400);
    expect((await send("skip", { short: "x".repeat(6) })).status).toBe(400);
    expect((await send("go", { line: "x".repeat(128), notes: "y".repeat(10_000) })).status).toBe(201);
    expect((await send("go", { notes: "y".repeat(10_001) })).status).toBe(400);
  });

  describe.skipIf(!hasShared())("formValues exactly as the upstream Elements samples", () => {
    // The other samples contradict their own MessageML (see ../shared/fixtures/README.md, "Upstream inconsistencies").
    const consistent = [
      "form",
      "textarea",
      "select",
      "radio",
      "date-picker",
      "time-picker",
      "timezone-picker",
      "form-interactive-bot",
    ];
    for (const name of consistent) {
      it(name, async () => {
        const sample = readSharedJson<WireEvent>(`fixtures/events/elements/${name}.json`);
        const expected = asRecord(sample.payload.symphonyElementsAction);
        const mid = await postForm(readShared(`fixtures/events/elements/${name}.messageml.xml`));
        const { action, ...values } = asRecord(expected.formValues);
        const res = await submit(mid, { as: alice.id, formId: expected.formId, action, values });
        const body = (await res.json()) as WireEvent;
        expect(res.status, JSON.stringify(body)).toBe(201);
        expect(at(body.payload, "symphonyElementsAction", "formValues")).toEqual(expected.formValues);
      });
    }
  });
});
