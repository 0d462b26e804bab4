import {
  attachment,
  createBot,
  draft,
  errorReply,
  heading,
  message,
  type Response,
  reply,
  silentLogger,
  toResponses,
  User,
  view,
  work,
} from "@sprig/core";
import { testChat } from "@sprig/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const Task = work("task", z.object({ title: z.string().min(1) }), { templates: { view: "task-card" } });
const here = User.of("test", "u1", "ann");

describe("turning handler results into responses", () => {
  it("nothing, a string, content, a work object, replies and lists", () => {
    const task = Task.create({ title: "x" });
    const responses = toResponses(
      [
        undefined,
        null,
        "hi",
        heading(2, "Title"),
        task,
        view(task, { template: "other" }),
        [reply("a"), reply("b")],
      ],
      here,
    );
    expect(responses.map((r) => r.kind)).toEqual([
      "message",
      "message",
      "work",
      "work",
      "message",
      "message",
    ]);
    const [, , work1, work2] = responses as [
      Response,
      Response,
      Extract<Response, { kind: "work" }>,
      Extract<Response, { kind: "work" }>,
    ];
    expect(work1.template).toBe("task-card");
    expect(work1.mode).toBe("view");
    expect(work1.tags).toEqual(["task"]);
    expect(work2.template).toBe("other");
    expect(responses.every((r) => r.to === here)).toBe(true);
  });

  it("refuses plain objects with a message that says what to return", () => {
    expect(() => toResponses({ title: "x" }, here)).toThrow(
      /returned a plain object.*Return a string, content, a work object/,
    );
    expect(() => toResponses(42, here)).toThrow(/a number/);
    expect(() => toResponses(view({ title: "x" }), here)).toThrow(/not a work object/);
  });

  it("a draft that validates becomes the real object; one that does not stays a draft", () => {
    const [valid] = toResponses(draft(Task, { title: "ok" }), here) as Extract<Response, { kind: "work" }>[];
    expect(valid!.draft).toBeUndefined();
    expect(Task.is(valid!.value)).toBe(true);
    const [blank] = toResponses(draft(Task), here) as Extract<Response, { kind: "work" }>[];
    expect(blank!.draft).toBe(true);
    expect(blank!.mode).toBe("edit");
  });

  it("user text in a message stays words, never markup", () => {
    const [r] = toResponses("<b>bold</b> & <script>", here) as Extract<Response, { kind: "message" }>[];
    expect(r!.content).toEqual(message("<b>bold</b> & <script>"));
    expect(r!.content.children[0]).toMatchObject({ kind: "paragraph" });
  });

  it("an error reply is shown as written, with its code, next to other responses", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("check", () => [errorReply("2 items are overdue", { code: "todo.overdue" }), "Checked."]);
    await testChat(bot)
      .im("ann")
      .send("check")
      .expectStatus("command")
      .expectError("2 items are overdue", { code: "todo.overdue" })
      .expectText("Checked.");
  });

  it("attachments carry bytes, a name, a media type and optional text", () => {
    const [r] = toResponses(
      attachment("a.txt", new TextEncoder().encode("hi"), { mediaType: "text/plain", content: "see" }),
      here,
    );
    expect(r).toMatchObject({ kind: "attachment", name: "a.txt", mediaType: "text/plain" });
  });
});

describe("the response handler chain", () => {
  it("runs handlers by priority; they can decorate, split, drop or take over responses", async () => {
    const bot = createBot({ logger: silentLogger });
    const order: string[] = [];
    const delivered: string[] = [];
    bot.responses.use({
      name: "shout",
      priority: 50,
      handle(r) {
        order.push("shout");
        return r.kind === "message" ? { ...r, content: message(`${toText(r)}!`) } : r;
      },
    });
    bot.responses.use({
      name: "duplicate",
      priority: 10,
      handle(r) {
        order.push("duplicate");
        return [r, r];
      },
    });
    bot.responses.use({
      name: "swallow-secrets",
      priority: 200,
      handle(r) {
        order.push("swallow");
        if (r.kind === "message" && toText(r).includes("secret")) {
          delivered.push(toText(r));
          return null;
        }
        return r;
      },
    });
    bot.command("say {w}", ({ vars }) => vars.w);
    const im = testChat(bot).im("ann");
    await im.send("say hi").check((replies) => expect(replies.map((r) => r.text)).toEqual(["hi!", "hi!"]));
    expect(order).toEqual(["duplicate", "shout", "shout", "swallow", "swallow"]);
    await im.send("say secret").expectNoReply();
    expect(delivered).toEqual(["secret!", "secret!"]);
    expect(bot.responses.handlers.map((h) => h.name)).toEqual([
      "duplicate",
      "shout",
      "sprig.buttons",
      "swallow-secrets",
    ]);
  });

  it("the built-in buttons handler can be replaced by name", async () => {
    const bot = createBot({ logger: silentLogger });
    bot.command("task", () => Task.create({ title: "t" }));
    bot.button(Task, "done", { text: "Done" }, () => "done");
    bot.responses.use({ name: "sprig.buttons", priority: 100, handle: (r) => r });
    await testChat(bot).im("ann").send("task").expectWork(Task, { buttons: [] });
  });
});

function toText(r: Extract<Response, { kind: "message" }>): string {
  return r.content.children
    .flatMap((p) => ("children" in p ? p.children : []))
    .map((w) => ("text" in w ? w.text : ""))
    .join(" ");
}
