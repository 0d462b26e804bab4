import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as core from "@sprig/core";
import { testChat } from "@sprig/testing";
import { transform } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";

type Fixture = typeof import("./controller.fixture.ts");

const Ticket = core.work("ticket", z.object({ title: z.string() }));
let dir: string | undefined;

/** The fixture compiled by esbuild, as tsx would run it. */
async function loadFixture(): Promise<Fixture> {
  const source = await readFile(new URL("./controller.fixture.ts", import.meta.url), "utf8");
  const { code } = await transform(source, { loader: "ts", format: "esm", target: "es2022" });
  dir ??= await mkdtemp(join(tmpdir(), "sprig-decorators-"));
  const file = join(dir, "controller.mjs");
  await writeFile(file, code);
  return (await import(pathToFileURL(file).href)) as Fixture;
}

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("standard decorators", () => {
  it("register commands, buttons and consumers into the same registry, bound to the controller", async () => {
    const { defineController } = await loadFixture();
    const Controller = defineController(core, Ticket);
    const controller = new Controller();
    const bot = core.createBot({ logger: core.silentLogger });
    bot.controller(controller);
    const chat = testChat(bot);
    const room = chat.room("Support", { members: ["ann"], admins: ["boss"] });
    await room
      .as("ann")
      .send("/open printer on fire")
      .expectWork(Ticket, { value: { title: "printer on fire" }, buttons: ["escalate"] })
      .press("escalate")
      .expectText('ticket "printer on fire" escalated');
    await room.send("/close 1 2").expectStatus("refused");
    await room.as("boss").send("/close 1 2").expectText("ticket 1, 2 closed");
    await room.as("boss").send("/help").expectText("Open a ticket");
    await room.member("joined", "cy");
    expect(controller.joined).toEqual(["cy"]);
  });

  it("a controller with no decorated methods is refused with a hint about the tool chain", () => {
    const bot = core.createBot({ logger: core.silentLogger });
    expect(() => bot.controller(new (class Plain {})())).toThrow(/standard decorators/);
  });
});
