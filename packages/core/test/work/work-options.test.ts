// work(…, { tags, index }) do what they say: tags are what history finds an object by; index: false
// makes a type unfindable (its messages carry no tags; looking it up is refused with a coded error),
// while its forms keep working. Contradictory or unusable options are refused when the type is declared.
import { createBot, silentLogger, WorkError, work } from "@sprig/core";
import { testChat } from "@sprig/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const Claim = work("claim", z.object({ amount: z.number() }), { tags: ["claims", "finance"] });
const Note = work("note", z.object({ text: z.string() }), { index: false });

function setup() {
  const bot = createBot({ logger: silentLogger });
  bot.command("claim {amount}", ({ vars }) => Claim.create({ amount: Number(vars.amount) }));
  bot.command("find {tag}", async ({ history, vars }) => {
    const found = await history.latest(Claim, { tag: vars.tag });
    return found ? `found ${found.amount}` : "none";
  });
  bot.command("note", () => Note.create({ text: "secret" }));
  bot.button(Note, "ack", { text: "OK" }, ({ work }) => `acknowledged ${work?.text}`);
  bot.command("last-note", async ({ history }) => {
    const note = await history.latest(Note);
    return note ? note.text : "none";
  });
  const chat = testChat(bot);
  return { chat, room: chat.room("Team").as("ann") };
}

describe("work options", () => {
  it("tags: every object of the type is sent with them, and history finds it by any", async () => {
    const { room, chat } = setup();
    await room.send("/claim 5").check((replies) => expect(replies[0]).toBeDefined());
    const sent = chat.platform!.transcript.at(-1)!;
    expect(sent.kind).toBe("work");
    await room.send("/find claims").expectText("found 5");
    await room.send("/find finance").expectText("found 5");
    await room.send("/find other").expectText("none");
  });

  it("index: false: sent untagged, never stored for history, lookups refused; its buttons still work", async () => {
    const { room, chat } = setup();
    await room.send("/note").expectWork(Note, { buttons: ["ack"] });
    await room.press("ack").expectText("acknowledged secret");
    expect(await chat.platform!.history.find({ where: room.where, typeName: "note", limit: 10 })).toEqual({
      items: [],
    });
    await room
      .send("/last-note")
      .expectStatus("failed")
      .expectError(/something went wrong/);
  });

  it("index: false refuses tags, and a tag must be one word", () => {
    const schema = z.object({ a: z.string() });
    const code = (make: () => unknown) => {
      try {
        make();
      } catch (error) {
        return error instanceof WorkError ? error.code : String(error);
      }
      return "accepted";
    };
    expect(code(() => work("t1", schema, { index: false, tags: ["x"] }))).toBe("WORK_NOT_INDEXED");
    expect(code(() => work("t2", schema, { tags: ["two words"] }))).toBe("WORK_BAD_TAG");
    expect(code(() => work("t3", schema, { tags: ["#x"] }))).toBe("WORK_BAD_TAG");
    expect(code(() => work("t4", schema, { tags: ["fine-tag"] }))).toBe("accepted");
  });
});
