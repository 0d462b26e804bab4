import { createBot, currentAction, edit, silentLogger, type User, user, view, work } from "@sprig/core";
import { testChat } from "@sprig/testing";
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";

function author(): User {
  const action = currentAction();
  if (!action) throw new Error("no current action");
  return action.user;
}

const Note = work("note", z.object({ text: z.string().default(""), author: user().default(author) }));
const Counter = work("counter", z.object({ n: z.number() }));

describe("handler context", () => {
  it("holds the user, the chat (absent in a 1:1), the addressable, the typed variables and the message", async () => {
    const bot = createBot({ logger: silentLogger });
    const seen: unknown[] = [];
    bot.command("greet {name} {times:number}", ({ user: who, chat, addressable, vars, message }) => {
      expectTypeOf(vars).toEqualTypeOf<{ name: string; times: number }>();
      seen.push({
        who: who.name,
        chat: chat?.name,
        where: addressable.kind,
        vars,
        words: message.children.length,
      });
    });
    const chat = testChat(bot);
    await chat.room("Team").as("ann").send("/greet bob 2");
    await chat.im("ann").send("greet bob 3");
    expect(seen).toEqual([
      { who: "ann", chat: "Team", where: "chat", vars: { name: "bob", times: 2 }, words: 1 },
      { who: "ann", chat: undefined, where: "user", vars: { name: "bob", times: 3 }, words: 1 },
    ]);
  });

  it("holds the bot's own user, so a member consumer can tell the bot being added from a person joining", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.on("member", ({ action, self }) =>
      action.member.id === self.id ? "Hello, I am new here." : `Welcome, ${action.member.name}!`,
    );
    const chat = testChat(bot, { botName: "helper" });
    const team = chat.room("Team", { members: ["ann"] });
    await team.as("ann").member("joined", "bob").expectText("Welcome, bob!");
    await team.member("joined", "helper").expectText("Hello, I am new here.");
  });

  it("the current action is reachable through AsyncLocalStorage, e.g. by a schema default", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("note", async () => {
      await new Promise((r) => setTimeout(r, 1));
      return Note.create({ text: "hi" });
    });
    const chat = testChat(bot);
    const ann = chat.user("ann");
    const bob = chat.user("bob");
    const room = chat.chatRoom("Team");
    const platform = chat.platform!;
    // Two conversations interleaved: each default sees its own action's user.
    await Promise.all([
      platform.deliver(platform.message(ann, room, "/note")),
      platform.deliver(platform.message(bob, bob, "note")),
    ]);
    const authors = chat.transcript.map((m) => (m.value as { author: User }).author.name).sort();
    expect(authors).toEqual(["ann", "bob"]);
    expect(currentAction()).toBeUndefined();
  });

  it("hands the author's services to handlers, typed", async () => {
    const services = { greeting: (name: string) => `Hello, ${name}!` };
    const bot = createBot({ logger: silentLogger, services });
    bot.command("hello", ({ services: s, user: who }) => {
      expectTypeOf(s).toEqualTypeOf<typeof services>();
      return s.greeting(who.name ?? "you");
    });
    await testChat(bot).im("ann").send("hello").expectText("Hello, ann!");
  });

  it("reply and send deliver before the handler returns, to here or anywhere", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("broadcast {text...}", async ({ vars, reply, send, conversations }) => {
      await reply("Sending…");
      const target = await conversations.chatByName("Announcements");
      if (target) await send(target, vars.text.join(" "));
      return "Sent.";
    });
    const chat = testChat(bot);
    const announcements = chat.chatRoom("Announcements");
    await chat
      .im("ann")
      .send("broadcast hello all")
      .check((replies) => {
        expect(replies.map((r) => [r.to.id, r.text])).toEqual([
          [chat.user("ann").id, "Sending…"],
          [announcements.id, "hello all"],
          [chat.user("ann").id, "Sent."],
        ]);
      });
  });

  it("conversations expose members and admins of the platform", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("who", async ({ chat, conversations }) => {
      const members = await conversations.members(chat!);
      const admins = await conversations.admins(chat!);
      return `members: ${members.map((m) => m.name).join(", ")}; admins: ${admins.map((a) => a.name).join(", ")}`;
    });
    await testChat(bot)
      .room("Team", { members: ["ann", "bob"], admins: ["ann"] })
      .as("bob")
      .send("/who")
      .expectText("members: sprig, ann, bob; admins: ann");
  });
});

describe("history", () => {
  function counterBot() {
    const bot = createBot({ logger: silentLogger });
    bot.command("set {n:number}", ({ vars }) => Counter.create({ n: vars.n }));
    bot.command("tagged {n:number} {t:hashtag}", ({ vars }) =>
      view(Counter.create({ n: vars.n }), { tags: [vars.t] }),
    );
    bot.command("latest", async ({ history }) => {
      const latest = await history.latest(Counter);
      expectTypeOf(latest).toEqualTypeOf<{ n: number } | undefined>();
      return latest ? `latest ${latest.n}` : "none";
    });
    bot.command("page {size:number}", async ({ history, vars }) => {
      const first = await history.all(Counter, { limit: vars.size });
      const second = first.next
        ? await history.all(Counter, { limit: vars.size, cursor: first.next })
        : undefined;
      return `${first.items.map((c) => c.n).join(",")} | ${second?.items.map((c) => c.n).join(",") ?? "-"}`;
    });
    bot.command("since {n:number}", async ({ history, vars }) => {
      const all = await history.all(Counter);
      return String(all.items.filter((c) => c.n >= vars.n).length);
    });
    bot.command("count {t:hashtag}", async ({ history, vars }) => {
      const page = await history.all(Counter, { tag: vars.t });
      return `${page.items.length} tagged ${vars.t}`;
    });
    bot.command("find {t:hashtag}", async ({ history, vars }) => {
      const found = await history.latestTagged(Counter, vars.t);
      return found ? `found ${found.n}` : "not found";
    });
    return bot;
  }

  it("latest is the newest object of the type in this conversation only", async () => {
    const chat = testChat(counterBot());
    const team = chat.room("Team");
    await team.as("ann").send("/latest").expectText("none");
    await team.send("/set 1");
    await team.send("/set 2");
    await team.send("/latest").expectText("latest 2");
    await chat.room("Other").as("ann").send("/latest").expectText("none");
  });

  it("all pages newest first", async () => {
    const team = testChat(counterBot()).room("Team").as("ann");
    for (const n of [1, 2, 3, 4, 5]) await team.send(`/set ${n}`);
    await team.send("/page 3").expectText("5,4,3 | 2,1");
  });

  it("finds objects by tag", async () => {
    const team = testChat(counterBot()).room("Team").as("ann");
    await team.send("/tagged 7 #p123");
    await team.send("/set 8");
    await team.send("/find #p123").expectText("found 7");
    await team.send("/find #p999").expectText("not found");
    await team.send("/tagged 9 #p123");
    await team.send("/count #p123").expectText("2 tagged p123");
  });

  it("an edit form is stored too, and a draft never is", async () => {
    const bot = counterBot();
    bot.command("edit {n:number}", ({ vars }) => edit(Counter.create({ n: vars.n })));
    const team = testChat(bot).room("Team").as("ann");
    await team.send("/edit 9");
    await team.send("/latest").expectText("latest 9");
  });
});
