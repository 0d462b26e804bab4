import { byName, Chat, createBot, MemoryDedupeStore, silentLogger, User } from "@sprig/core";
import { describe, expect, it, vi } from "vitest";
import { SymphonyHistory, silentLogger as silentPino, symphony } from "../../src/index.ts";
import { ANN, BOB, BOT, textOf } from "./emulated-pod.ts";
import { adapterOnPod } from "./support/adapter-on-pod.ts";
import { addOneButton, Counter, countOf, incFromHistory, pressAddOne } from "./support/counter-bot.ts";

describe("the Symphony adapter on the emulator", () => {
  const { pod, start, stop, steady } = adapterOnPod();

  /** The bot's messages in ann's 1:1 once `ms` have passed (time for a redelivery to show). */
  async function botMessagesInAnnImAfter(ms: number) {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return (await pod.messages(pod.annIm)).filter((m) => m.user.userId === BOT);
  }

  /** A first bot posts a counter of `count` in the room and stops: state from before the next bot started. */
  async function postCounterAndStop(count: number) {
    const first = createBot({ logger: silentLogger });
    first.command("new", () => Counter.create({ count }));
    await start(first);
    await pod.say(pod.team, ANN, "/new");
    await pod.botMessages(pod.team, 1);
    await stop();
  }

  it("keeps state in the chat: what the bot posted answers its lookups, with no search call", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("new", () => Counter.create({ count: 0 }));
    incFromHistory(bot);
    const adapter = await start(bot);
    const search = vi.spyOn(adapter.connection.messages, "search");

    await pod.say(pod.annIm, ANN, "new");
    await pod.botMessages(pod.annIm, 1);
    for (let i = 1; i <= 3; i++) {
      await pod.say(pod.annIm, ANN, "inc");
      await pod.botMessages(pod.annIm, i + 1);
    }
    const answers = await pod.botMessages(pod.annIm, 4);
    const counts = answers.map(countOf);
    expect(counts).toEqual([0, 1, 2, 3]);
    expect(search).not.toHaveBeenCalled();
  });

  it("reads state through the stream's message listing when told to", async () => {
    await postCounterAndStop(7);

    const bot = createBot({ logger: silentLogger });
    incFromHistory(bot);
    const adapter = await start(bot, { historySource: "listing" });
    await steady(); // an event after the start makes no send lookup
    const search = vi.spyOn(adapter.connection.messages, "search");
    const list = vi.spyOn(adapter.connection.messages, "list");
    await pod.say(pod.team, ANN, "/inc");
    await pod.botMessages(pod.team, 2);
    await pod.say(pod.team, ANN, "/inc");
    const answers = await pod.botMessages(pod.team, 3);
    const counts = answers.map(countOf);
    expect(counts).toEqual([7, 8, 9]);
    expect(search).not.toHaveBeenCalled();
    expect(list).toHaveBeenCalledTimes(1);
  });

  it("never takes a person's look-alike message (hashtag + forged data) for the bot's state", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("new", () => Counter.create({ count: 0 }));
    incFromHistory(bot);
    const adapter = await start(bot);
    await pod.say(pod.team, ANN, "/new");
    await pod.botMessages(pod.team, 1);
    await pod.dev("POST", `/streams/${pod.team}/messages`, {
      as: BOB,
      text: "#counter",
      data: { form: { type: "counter", version: "1.0", count: 999 } },
    });
    await pod.say(pod.team, ANN, "/inc");
    const answers = await pod.botMessages(pod.team, 2);
    expect(countOf(answers[1])).toBe(1);
    // Found by search too, not only thanks to the cache: a fresh store reads the pod.
    const fresh = new SymphonyHistory({
      messages: adapter.connection.messages,
      streamOf: async () => pod.team,
      author: BOT,
    });
    const page = await fresh.find({ where: Chat.of("symphony", pod.team), typeName: "counter", limit: 10 });
    expect(page.items.map((r) => (r.data as { count: number }).count)).toEqual([1, 0]);
  });

  it("a press on a form sent before a restart reads the work object back from the pod", async () => {
    const make = () => {
      const bot = createBot({ logger: silentLogger });
      bot.command("new", () => Counter.create({ count: 10 }));
      addOneButton(bot);
      return bot;
    };
    await start(make());
    await pod.say(pod.team, ANN, "/new");
    const [form] = await pod.botMessages(pod.team, 1);
    await stop();
    const adapter = await start(make());
    const get = vi.spyOn(adapter.connection.messages, "get");
    await pressAddOne(pod, pod.team, form!.messageId, ANN);
    const answers = await pod.botMessages(pod.team, 2);
    expect(countOf(answers[1])).toBe(11);
    expect(get).toHaveBeenCalledTimes(1);
  });

  it("finds state the bot posted before it started, through message search", async () => {
    await postCounterAndStop(41);

    const second = createBot({ logger: silentLogger });
    incFromHistory(second);
    const adapter = await start(second);
    const search = vi.spyOn(adapter.connection.messages, "search");
    await pod.say(pod.team, ANN, "/inc");
    const answers = await pod.botMessages(pod.team, 2);
    expect(countOf(answers[1])).toBe(42);
    expect(search).toHaveBeenCalledTimes(1);
  });

  it("a send that fails after its retries is not acknowledged: the redelivery answers exactly once", async () => {
    let runs = 0;
    const bot = createBot({ logger: silentLogger });
    bot.command("count", () => `run ${++runs}`);
    await start(bot);
    // Every attempt of the first send fails (3 attempts in the test config).
    await pod.dev("POST", "/faults", {
      method: "POST",
      path: "/agent/v4/stream/*/message/create",
      status: 503,
      times: 3,
    });
    await pod.say(pod.annIm, ANN, "count");
    const answers = await pod.botMessages(pod.annIm, 1);
    // The datafeed delivers the unacknowledged batch again after its visibility timeout (300 ms here).
    const after = await botMessagesInAnnImAfter(800);
    expect(after).toHaveLength(1);
    expect(textOf(answers[0]!.message)).toBe("run 2");
  });

  it("a message the agent refuses for good (400) is not sent again and again: the person hears of it once", async () => {
    let runs = 0;
    const bot = createBot({ logger: silentLogger, newId: () => "ref-42" });
    bot.command("count", () => `run ${++runs}`);
    await start(bot);
    await pod.dev("POST", "/faults", {
      method: "POST",
      path: "/agent/v4/stream/*/message/create",
      status: 400,
      body: { code: 400, message: "Invalid MessageML" },
      times: 1,
    });
    await pod.say(pod.annIm, ANN, "count");
    const [apology] = await pod.botMessages(pod.annIm, 1);
    expect(textOf(apology!.message)).toContain("ref-42");
    expect(await botMessagesInAnnImAfter(800)).toHaveLength(1);
    expect(runs).toBe(1);
  });

  it("duplicate delivery (the same message under new event ids) is answered once", async () => {
    let runs = 0;
    const bot = createBot({ logger: silentLogger });
    bot.command("count", () => `run ${++runs}`);
    await start(bot);
    await pod.dev("POST", "/datafeed/duplicate", { count: 1 });
    await pod.say(pod.annIm, ANN, "count");
    await pod.botMessages(pod.annIm, 1);
    expect(await botMessagesInAnnImAfter(500)).toHaveLength(1);
    expect(runs).toBe(1);
  });

  it("two instances on one feed with a shared dedupe store answer duplicated deliveries once", async () => {
    const shared = new MemoryDedupeStore();
    let runs = 0;
    const instance = () => {
      const bot = createBot({ logger: silentLogger });
      bot.command("count", () => `run ${++runs}`);
      return symphony(bot, { config: pod.config, logger: silentPino(), dedupe: shared });
    };
    const first = instance();
    const second = instance();
    await first.start();
    await second.start();
    try {
      await pod.dev("POST", "/datafeed/duplicate", { count: 3 });
      await pod.say(pod.annIm, ANN, "count");
      await pod.botMessages(pod.annIm, 1);
      expect(await botMessagesInAnnImAfter(700)).toHaveLength(1);
      expect(runs).toBe(1);
    } finally {
      await first.stop();
      await second.stop();
    }
  });

  it("1:1 messages never meet room-only errors; restrictions by room name and by room id work", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("anywhere", () => "anywhere ok");
    bot.command("team-only", { rooms: [byName("Team")] }, () => "team ok");
    bot.command("by-id", { rooms: [pod.team] }, () => "id ok");
    bot.command("admins", { admin: true }, () => "admin ok");
    await start(bot);

    await pod.say(pod.annIm, ANN, "anywhere");
    await pod.botMessages(pod.annIm, 1);
    await pod.say(pod.team, ANN, "/team-only");
    await pod.botMessages(pod.team, 1);
    await pod.say(pod.team, BOB, "/by-id");
    await pod.botMessages(pod.team, 2);
    await pod.say(pod.team, ANN, "/admins");
    await pod.botMessages(pod.team, 3);
    await pod.say(pod.team, BOB, "/admins");
    await pod.botMessages(pod.team, 4);
    await pod.say(pod.annIm, ANN, "team-only");
    await pod.botMessages(pod.annIm, 2);

    const im = (await pod.botMessages(pod.annIm, 2)).map((m) => textOf(m.message));
    const room = (await pod.botMessages(pod.team, 4)).map((m) => textOf(m.message));
    expect(im[0]).toBe("anywhere ok");
    expect(im).toEqual(["anywhere ok", "You can't use /team-only here: it is only in Team."]);
    expect(room).toEqual([
      "team ok",
      "id ok",
      "admin ok",
      "You can't use /admins here: it is only for room admins.",
    ]);
  });

  it("a button restricted to a room by name works there: the press's room is named though its event is not", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("new", () => Counter.create({ count: 0 }));
    addOneButton(bot, [byName("Team")]);
    await start(bot);
    await pod.say(pod.team, ANN, "/new");
    const [form] = await pod.botMessages(pod.team, 1);
    expect(form!.message).toContain('name="inc"');
    await pressAddOne(pod, pod.team, form!.messageId, BOB);
    const [, answer] = await pod.botMessages(pod.team, 2);
    expect(countOf(answer)).toBe(1);
  });

  it("stop lets the batch in hand finish and acknowledges it: the next bot on the feed does not see it again", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started!: () => void;
    const inHandler = new Promise<void>((resolve) => {
      started = resolve;
    });
    const first = createBot({ logger: silentLogger });
    first.command("slow", async () => {
      started();
      await gate;
      return "slow done";
    });
    const adapter = await start(first);
    await pod.say(pod.annIm, ANN, "slow");
    await inHandler;
    const stopping = adapter.stop();
    release();
    await stopping;
    await adapter.done;
    expect((await pod.botMessages(pod.annIm, 1)).map((m) => textOf(m.message))).toEqual(["slow done"]);

    let seen = 0;
    const second = createBot({ logger: silentLogger });
    second.on("message", () => {
      seen++;
    });
    second.command("ping", () => "pong");
    await start(second);
    // Longer than the visibility timeout: an unacknowledged batch would have come back by now.
    await new Promise((resolve) => setTimeout(resolve, 600));
    await pod.say(pod.annIm, ANN, "ping");
    await pod.botMessages(pod.annIm, 2);
    expect(seen).toBe(1);
  });

  it("updates the form message in place when asked: one message, its newest state", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("new", () => Counter.create({ count: 0 }));
    bot.command("count", async ({ history }) => {
      const all = await history.all(Counter);
      return `${all.items.length} counter(s), latest ${all.items[0]?.count}`;
    });
    addOneButton(bot);
    await start(bot, { updateFormInPlace: true });
    await pod.say(pod.team, ANN, "/new");
    const [form] = await pod.botMessages(pod.team, 1);
    await pressAddOne(pod, pod.team, form!.messageId, BOB);
    for (let i = 0; i < 200; i++) {
      const [only] = await pod.botMessages(pod.team, 1);
      if (only!.messageId !== form!.messageId) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const bots = await pod.botMessages(pod.team, 1);
    expect(bots).toHaveLength(1);
    expect(countOf(bots[0])).toBe(1);
    await pod.say(pod.team, ANN, "/count");
    const answers = await pod.botMessages(pod.team, 2);
    expect(textOf(answers[1]!.message)).toBe("1 counter(s), latest 1");
  });

  it("a message to a person the bot never talked with opens the 1:1 for it", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("nudge {who:mention}", async ({ vars, send }) => {
      await send(vars.who, "Ann asked me to nudge you.");
      return "Nudged.";
    });
    await start(bot);
    await pod.say(pod.team, ANN, "/nudge @bob");
    await pod.botMessages(pod.team, 1);
    const { streamId: bobIm } = await pod.dev<{ streamId: string }>("POST", "/ims", { userIds: [BOB, BOT] });
    const [nudge] = await pod.botMessages(bobIm, 1);
    expect(textOf(nudge!.message)).toBe("Ann asked me to nudge you.");
  });

  it("room membership events reach the bot as member actions (a welcome in the room)", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.on("member", ({ action }) =>
      action.kind === "member" && action.change === "joined" ? `Welcome, ${action.member.name}!` : undefined,
    );
    await start(bot);
    const { id: carol } = await pod.dev<{ id: number }>("POST", "/users", {
      username: "carol",
      displayName: "Carol White",
    });
    await pod.dev("POST", `/streams/${pod.team}/members`, { userId: carol, as: ANN });
    const [welcome] = await pod.botMessages(pod.team, 1);
    expect(textOf(welcome!.message)).toBe("Welcome, Carol White!");
  });

  it("start fails clearly when the pod refuses the bot's key", async () => {
    const { generateKeyPairSync } = await import("node:crypto");
    const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
      type: "pkcs8",
      format: "pem",
    }) as string;
    const bot = createBot({ logger: silentLogger });
    const refused = symphony(bot, {
      config: {
        ...pod.config,
        bot: { username: "test-bot", auth: { kind: "rsa", privateKeyPem: otherKey } },
      },
      logger: silentPino(),
    });
    await expect(refused.start()).rejects.toMatchObject({ code: "AUTH_REJECTED" });
    await expect(refused.done).rejects.toMatchObject({ code: "AUTH_REJECTED" });
    await refused.stop();
  });

  it("conversations: chats, members, owners, users and ensure-chat over the REST API", async () => {
    const bot = createBot({ logger: silentLogger });
    const adapter = await start(bot);
    const conversations = adapter.platform.conversations;

    const chats = await conversations.chats();
    expect(chats).toContainEqual(Chat.of("symphony", pod.team, "Team"));
    expect(await conversations.chatByName("Team")).toEqual(Chat.of("symphony", pod.team, "Team"));
    expect(await conversations.chatById(pod.team)).toEqual(Chat.of("symphony", pod.team, "Team"));
    expect(await conversations.chatByName("Nowhere")).toBeUndefined();
    expect(await conversations.chatById("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).toBeUndefined();

    const team = Chat.of("symphony", pod.team, "Team");
    expect((await conversations.members(team)).map((u) => u.id).sort()).toEqual(
      [String(ANN), String(BOB), String(BOT)].sort(),
    );
    expect(await conversations.admins(team)).toEqual([
      User.of("symphony", String(ANN), "Ann Lee", "ann@example.com"),
    ]);
    expect(await conversations.userById(String(BOB))).toEqual(
      User.of("symphony", String(BOB), "Bob Stone", "bob@example.com"),
    );
    expect(await conversations.userById("999999")).toBeUndefined();

    const bob = User.of("symphony", String(BOB));
    const created = await conversations.ensureChat("Ops", [bob], { description: "Operations" });
    expect(created.name).toBe("Ops");
    expect((await conversations.members(created)).map((u) => u.id)).toContain(String(BOB));
    // Asking again finds it rather than making a second room.
    expect(await conversations.ensureChat("Ops", [bob])).toEqual(created);
    expect((await conversations.chats()).filter((c) => c.name === "Ops")).toHaveLength(1);
  });

  it("chats are listed page by page", async () => {
    for (let i = 0; i < 7; i++) {
      await pod.dev("POST", "/rooms", { name: `Room ${i}`, creatorId: ANN, memberIds: [BOT], ownerIds: [] });
    }
    const bot = createBot({ logger: silentLogger });
    const adapter = await start(bot);
    const list = vi.spyOn(adapter.connection.streams, "list");
    const { SymphonyConversations } = await import("../../src/index.ts");
    const paged = new SymphonyConversations({
      streams: adapter.connection.streams,
      users: adapter.connection.users,
      pageSize: 3,
    });
    const names = (await paged.chats()).map((c) => c.name);
    expect(names).toHaveLength(8);
    expect(new Set(names).size).toBe(8);
    expect(list.mock.calls.map((call) => call[1])).toEqual([
      { skip: 0, limit: 3 },
      { skip: 3, limit: 3 },
      { skip: 6, limit: 3 },
    ]);
  });
});
