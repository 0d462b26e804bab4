import { spawn } from "node:child_process";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runTerminal } from "../src/terminal.ts";

async function session(lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk) => {
    printed += String(chunk);
  });
  const done = runTerminal({ input, output });
  input.end(`${lines.join("\n")}\n`);
  await done;
  return printed;
}

describe("the todo bot in a terminal", () => {
  it("reads lines as messages from a user in a room and prints what the bot sends, readably", async () => {
    const printed = await session([
      "/new",
      "/add",
      ':press add description="Buy milk"',
      "/show",
      "chatting",
      ":as bob",
      "/clear",
    ]);
    expect(printed).toContain('sprig → Team:\n  Added "Buy milk" as item 1.');
    expect(printed).toContain("1. Description: Buy milk, Assigned to: alice, Status: Open");
    expect(printed).toContain("[Add](add-item)");
    expect(printed).toContain(
      "sprig → Team [error]:\n  You can't use /clear here: it is only for room admins.",
    );
    expect(printed).not.toContain("chatting");
    expect(printed.trimEnd().endsWith("bye")).toBe(true);
  });

  it("explains session mistakes instead of failing", async () => {
    const printed = await session([":press nothing", ":frob"]);
    expect(printed).toContain("(The bot has sent no form here yet, so there is nothing to press.)");
    expect(printed).toContain('Unknown session command ":frob"');
  });

  function start() {
    return spawn(process.execPath, ["--import", "tsx", "examples/todo-bot/src/terminal-main.ts"], {
      cwd: new URL("../../../", import.meta.url),
      stdio: ["pipe", "pipe", "pipe"],
    });
  }

  it("the terminal entry point exits cleanly on Ctrl-C", async () => {
    const child = start();
    let out = "";
    child.stdout.on("data", (d) => {
      const ready = !out.includes("Type :help");
      out += String(d);
      if (ready && out.includes("Type :help")) child.kill("SIGINT");
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(0);
    expect(out).toContain("bye");
  });

  it("the terminal entry point exits cleanly at end of input", async () => {
    const child = start();
    let out = "";
    child.stdout.on("data", (d) => {
      out += String(d);
    });
    child.stdin.end("/new\n");
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(0);
    expect(out).toContain("todo-list (view)");
    expect(out).toContain("bye");
  });
});
