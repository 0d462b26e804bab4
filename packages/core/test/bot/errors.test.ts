import { createBot, type Logger, UserError } from "@sprig/core";
import { testChat } from "@sprig/testing";
import { describe, expect, it } from "vitest";

function capturingLogger() {
  const lines: { level: string; fields: Record<string, unknown>; msg?: string }[] = [];
  const at = (level: string) => (first: object | string, msg?: string) => {
    lines.push(
      typeof first === "string" ? { level, fields: {}, msg: first } : { level, fields: { ...first }, msg },
    );
  };
  const logger: Logger = {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    child: () => logger,
  };
  return { logger, lines };
}

describe("errors", () => {
  it("a UserError is shown as written", async () => {
    const bot = createBot({ newId: () => "r1" });
    bot.command("fail", () => {
      throw new UserError("That list has no item 7.", { code: "todo.no_item" });
    });
    await testChat(bot)
      .im("ann")
      .send("fail")
      .expectStatus("failed")
      .expectError("That list has no item 7.", { code: "todo.no_item" });
  });

  it("any other error becomes a short message with a reference id; the details go to the log only", async () => {
    const { logger, lines } = capturingLogger();
    const bot = createBot({ logger, newId: () => "ref-42" });
    bot.command("boom", () => {
      throw new TypeError("cannot read properties of undefined (reading 'secret')");
    });
    await testChat(bot)
      .im("ann")
      .send("boom")
      .expectStatus("failed")
      .check((replies) => {
        expect(replies).toHaveLength(1);
        const reply = replies[0]!;
        expect(reply.kind).toBe("error");
        expect(reply.referenceId).toBe("ref-42");
        expect(reply.text).toContain("ref-42");
        expect(reply.text).not.toContain("secret");
        expect(reply.text).not.toMatch(/at .*\.ts:\d+/);
      });
    const logged = lines.find((l) => l.level === "error");
    expect(logged?.fields.referenceId).toBe("ref-42");
    expect((logged!.fields.err as Error).stack).toContain("TypeError");
    expect(logged?.fields.eventId).toBeDefined();
  });

  it("a handler returning something unsendable is reported as a coded error", async () => {
    const { logger, lines } = capturingLogger();
    const bot = createBot({ logger, newId: () => "ref-7" });
    bot.command("odd", () => ({ random: "object" }));
    await testChat(bot).im("ann").send("odd").expectError(/ref-7/);
    expect(lines[0]?.fields.code).toBe("sprig.invalid_response");
    expect(String((lines[0]!.fields.err as Error).message)).toMatch(/returned a plain object/);
  });

  it("a failing consumer does not stop the command", async () => {
    const bot = createBot({ logger: capturingLogger().logger, newId: () => "ref-c" });
    bot.on("message", () => {
      throw new Error("consumer broke");
    });
    bot.command("ping", () => "pong");
    await testChat(bot)
      .im("ann")
      .send("ping")
      .expectStatus("command")
      .expectText("pong")
      .expectError(/ref-c/);
  });
});
