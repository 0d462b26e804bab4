import {
  CommandRegistry,
  createBot,
  ErrorCode,
  inlineTokens,
  message,
  silentLogger,
  toPlainText,
} from "@sprig/core";
import { testChat } from "@sprig/testing";
import { describe, expect, it } from "vitest";

function winner(registry: CommandRegistry<string>, text: string) {
  return registry.match(inlineTokens(message(text)))?.command.handler;
}

describe("choosing one command", () => {
  it("the most specific match wins, whatever the registration order", () => {
    const registry = new CommandRegistry<string>();
    registry.add("show {what}", {}, "any");
    registry.add("show {n:number}", {}, "typed");
    registry.add("show all", {}, "literal");
    registry.add("show {what...}", {}, "rest");
    expect(winner(registry, "/show all")).toBe("literal");
    expect(winner(registry, "/show 3")).toBe("typed");
    expect(winner(registry, "/show mine")).toBe("any");
    expect(winner(registry, "/show my lists")).toBe("rest");
  });

  it("aliases route to the same command and must declare the same variables", () => {
    const registry = new CommandRegistry<string>();
    registry.add("delete {items:number...}", { aliases: ["supprimer {items:number...}"] }, "delete");
    expect(winner(registry, "/supprimer 1")).toBe("delete");
    expect(() => registry.add("add {x}", { aliases: ["ajouter {y}"] }, "add")).toThrow(/same variables/);
  });

  it("refuses two commands that would match exactly the same messages", () => {
    const registry = new CommandRegistry<string>();
    registry.add("show {a}", {}, "one");
    expect(() => registry.add("/SHOW {b}", {}, "two")).toThrow(
      expect.objectContaining({ code: ErrorCode.InvalidRegistration }),
    );
  });
});

describe("one handler per message, the fallback, consumers", () => {
  it("runs exactly one command handler, and consumers see every action", async () => {
    const seen: string[] = [];
    const bot = createBot({ logger: silentLogger });
    bot.command("show {what}", () => {
      seen.push("show-any");
    });
    bot.command("show all", () => {
      seen.push("show-all");
    });
    bot.on("message", ({ action }) => {
      seen.push(`consumer:${action.kind}`);
    });
    bot.on("action", () => {
      seen.push("all");
    });
    const room = testChat(bot).room("R");
    await room.as("ann").send("/show all").expectStatus("command");
    await room.send("just chatting").expectStatus("ignored").expectNoReply();
    expect(seen).toEqual(["consumer:message", "all", "show-all", "consumer:message", "all"]);
  });

  it("the bot's own messages, echoed back by the platform, are ignored (no loops)", async () => {
    const bot = createBot({ logger: silentLogger });
    const seen: string[] = [];
    bot.on("action", ({ user }) => {
      seen.push(user.name ?? "");
    });
    bot.command("ping", () => "/ping");
    const chat = testChat(bot);
    const platform = chat.platform!;
    const outcome = await platform.deliver(platform.message(platform.botUser, chat.chatRoom("R"), "/ping"));
    expect(outcome).toEqual({ status: "ignored", sent: 0 });
    expect(seen).toEqual([]);
  });

  it("an author's fallback gets addressed messages no command matched", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("new", () => "made");
    bot.fallback(({ message: m }) => `No idea what "${m.children.length > 0 ? "that" : ""}" means`);
    const room = testChat(bot).room("R");
    await room.as("ann").send("@sprig /old").expectStatus("fallback").expectText('No idea what "that" means');
    await room.send("old").expectStatus("ignored");
  });

  it("in a room, an unknown command is answered only by the bot mentioned (the others may know it)", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("new", () => "made");
    const chat = testChat(bot);
    const room = chat.room("R");
    await room.as("ann").send("/poll").expectStatus("ignored").expectNoReply();
    await room.send("@sprig /poll").expectStatus("fallback").expectText("Send /help");
    await room.send("@sprig poll").expectStatus("fallback").expectText("Send /help");
    // Known commands still run without a mention, and a 1:1 is always spoken to.
    await room.send("/new").expectStatus("command").expectText("made");
    await chat.im("ann").send("/poll").expectStatus("fallback").expectText("Send /help");
  });

  it("a message a consumer answered gets no fallback as well; one nobody answered does", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("remind {what...}", () => "set");
    bot.on("message", ({ action }) =>
      toPlainText(action.message).includes("3pm") ? "A reminder at 3pm?" : undefined,
    );
    const im = testChat(bot).im("ann");
    await im
      .send("call Bob at 3pm")
      .expectStatus("ignored")
      .check((replies) => expect(replies.map((r) => r.text)).toEqual(["A reminder at 3pm?"]));
    await im.send("call Bob").expectStatus("fallback").expectText("Send /help");
    // A command still runs beside a consumer's answer.
    await im.send("/remind call Bob at 3pm").expectStatus("command").expectText("set");
  });

  it("registering a help command replaces the built-in one; help: false leaves it out", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("help", () => "my own help");
    await testChat(bot).room("R").as("ann").send("/help").expectText("my own help");
    const without = createBot({ logger: silentLogger, help: false });
    await testChat(without).room("R").as("ann").send("@sprig /help").expectStatus("fallback");
  });

  it("the addressing rule is replaceable", async () => {
    const bot = createBot({
      logger: silentLogger,
      addressing: (action) => (action.message.children.length > 0 ? action.message : undefined),
    });
    bot.command("ping", () => "pong");
    await testChat(bot).room("R").as("ann").send("ping").expectText("pong");
  });
});

describe("platforms", () => {
  it("a response addressed to a platform with no adapter fails clearly instead of going elsewhere", async () => {
    const bot = createBot({ logger: silentLogger, newId: () => "ref-p" });
    bot.command("tell", ({ send }) => send({ kind: "user", platform: "teams", id: "29:abc" }, "hello"));
    await testChat(bot).im("ann").send("tell").expectStatus("failed").expectError(/ref-p/);
  });
});
