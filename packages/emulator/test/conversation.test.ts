import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../src/index.ts";
import { at } from "./support/json-reading.ts";
import {
  type Account,
  createAccount,
  createPerson,
  devJson,
  login,
  readFeed,
  rest,
  type Session,
  sendMessage,
} from "./support/scripted-client.ts";
import type { WireMessage } from "./support/wire-shapes.ts";

/**
 * A whole conversation: a bot written here with raw fetch (login, sessioninfo, datafeed loop, replies,
 * a form), a scripted user with its own key pair using the REST API, and a person driven by the dev API.
 */
describe("a bot, a scripted user and a person hold a conversation", () => {
  let emu: Emulator;
  let stopBot: () => Promise<void>;

  /** The bot: replies to /hello with a mention, to /form with a form, and thanks whoever submits it. */
  async function runBot(base: string, account: Account) {
    const session = await login(base, account);
    const me = (await (await rest(base, session, "GET", "/pod/v2/sessioninfo")).json()) as { id: number };
    const created = await rest(base, session, "POST", "/agent/v5/datafeeds", {});
    const feedId = ((await created.json()) as { id: string }).id;
    let running = true;
    const reply = (streamId: string, messageML: string) => sendMessage(base, session, streamId, messageML);
    const loop = (async () => {
      let ackId = "";
      while (running) {
        const read = await readFeed(base, session, feedId, ackId);
        if (read.status !== 200) break;
        for (const event of read.body.events) {
          if (event.initiator.user.userId === me.id) continue; // bots filter their own events
          if (event.type === "MESSAGESENT") {
            const message = at(event.payload, "messageSent", "message");
            const text = String(at(message, "message"));
            const streamId = String(at(message, "stream", "streamId"));
            if (text.includes("/hello"))
              await reply(
                streamId,
                `<messageML>Hello <mention uid="${String(at(message, "user", "userId"))}"/></messageML>`,
              );
            if (text.includes("/form")) {
              await reply(
                streamId,
                '<messageML><form id="poll"><radio name="choice" value="tea">Tea</radio><radio name="choice" value="coffee">Coffee</radio><button name="vote">Vote</button></form></messageML>',
              );
            }
          }
          if (event.type === "SYMPHONYELEMENTSACTION") {
            const action = at(event.payload, "symphonyElementsAction");
            const who = String(event.initiator.user.displayName);
            await reply(
              String(at(action, "stream", "streamId")),
              `<messageML>${who} voted ${String(at(action, "formValues", "choice"))}</messageML>`,
            );
          }
        }
        ackId = read.body.ackId;
      }
    })();
    return async () => {
      running = false;
      await loop;
    };
  }

  let bot: Account;
  let dave: Account;
  let daveSession: Session;
  let alice: { id: number };
  let room: string;

  beforeAll(async () => {
    emu = await startEmulator({ datafeed: { longPollMs: 50 } });
    bot = await createAccount(emu.url, "helper-bot");
    dave = await createAccount(emu.url, "dave", false);
    alice = await createPerson(emu.url, "alice");
    room = (
      await devJson<{ streamId: string }>(emu.url, "/rooms", {
        name: "Lunch",
        creatorId: alice.id,
        memberIds: [bot.id, dave.id],
      })
    ).streamId;
    stopBot = await runBot(emu.url, bot);
    daveSession = await login(emu.url, dave);
  });
  afterAll(async () => {
    await stopBot();
    await emu.close();
  });

  async function waitForMessage(streamId: string, predicate: (m: WireMessage) => boolean) {
    for (let i = 0; i < 200; i++) {
      const list = (await (
        await fetch(`${emu.url}/emulator/v1/streams/${streamId}/messages`)
      ).json()) as WireMessage[];
      const found = list.find(predicate);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error("the bot never answered");
  }

  it("the scripted user opens an IM over REST and the bot answers with a mention", async () => {
    const im = await rest(emu.url, daveSession, "POST", "/pod/v1/im/create", [bot.id]);
    const imId = ((await im.json()) as { id: string }).id;
    const sent = await sendMessage(emu.url, daveSession, imId, "<messageML>/hello</messageML>");
    expect(sent.status).toBe(200);
    const answer = await waitForMessage(imId, (m) => m.user.userId === bot.id);
    expect(answer.message).toContain("@Dave Tester");
    expect(JSON.parse(answer.data ?? "{}")).toMatchObject({ mention1: { id: [{ value: String(dave.id) }] } });
    // Dave sees it through his own REST reads too.
    const history = await rest(emu.url, daveSession, "GET", `/agent/v4/stream/${imId}/message?since=0`);
    expect(((await history.json()) as unknown[]).length).toBe(2);
  });

  it("a person in a room asks for a form, votes, and the bot reports the vote", async () => {
    await devJson(emu.url, `/streams/${room}/messages`, { as: alice.id, text: "@helper-bot /form please" });
    const form = await waitForMessage(
      room,
      (m) => m.user.userId === bot.id && String(m.message).includes("<form"),
    );
    await devJson(emu.url, `/streams/${room}/messages/${form.messageId}/form`, {
      as: alice.id,
      formId: "poll",
      action: "vote",
      values: { choice: "coffee" },
    });
    const result = await waitForMessage(room, (m) => String(m.message).includes("voted"));
    expect(result.message).toContain("Alice Tester voted coffee");
  });
});
