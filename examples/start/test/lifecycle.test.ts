/**
 * `npm start`'s lifecycle, run through npm itself as a person or a process manager runs it:
 * a signal to npm's pid alone stops the pod and every bot; npm killed outright leaves no orphan;
 * a bot killed with -9 is reported and the other bots keep answering.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { allGone, commandLine, descendants } from "./support/process-tree.ts";

const ROOT = new URL("../../../", import.meta.url);
const dir = mkdtempSync(join(tmpdir(), "sprig-lifecycle-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  readonly npm: ChildProcess;
  readonly output: () => { out: string; err: string };
  readonly exited: Promise<number | null>;
  readonly url: string;
  /** The runner and the bot processes under npm, found once `ready` was printed. */
  readonly tree: number[];
}

/** npm's pid of the test under way, to clean up whatever a failed test left behind. */
let npmPid: number | undefined;
afterEach(() => {
  if (npmPid === undefined) return;
  for (const pid of [npmPid, ...descendants(npmPid)]) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {}
  }
  npmPid = undefined;
});

async function npmStart(...bots: string[]): Promise<Run> {
  const npm = spawn("npm", ["start", "--", ...bots], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", SPRIG_DIR: dir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  npmPid = npm.pid;
  let out = "";
  let err = "";
  npm.stderr.on("data", (d) => {
    err += String(d);
  });
  const exited = new Promise<number | null>((resolve) => npm.on("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    npm.stdout.on("data", (d) => {
      out += String(d);
      if (out.split("\n").includes("ready")) resolve();
    });
    void exited.then((code) => reject(new Error(`npm start exited (${code}) before ready:\n${out}\n${err}`)));
  });
  const url = /sprig emulator: (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
  return { npm, output: () => ({ out, err }), exited, url, tree: [npm.pid!, ...descendants(npm.pid!)] };
}

interface Stream {
  readonly id: string;
  readonly streamType: { readonly type: string };
  readonly roomAttributes?: { readonly name: string };
  readonly streamAttributes?: { readonly members?: readonly number[] };
}
interface Message {
  readonly message: string;
  readonly user: { readonly username: string };
}

async function dev<T>(url: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${url}/emulator/v1${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const botPids = (run: Run) => run.tree.filter((pid) => commandLine(pid).includes("bot-process.ts"));

// Starting Node.js processes is slow on a busy machine: generous bounds, never a speed claim.
describe("npm start's lifecycle", { timeout: 120_000 }, () => {
  it("runs the five bots, each its own process, prints the web chat's URL as alice, then ready", {
    timeout: 120_000,
  }, async () => {
    const run = await npmStart();
    const { out } = run.output();
    expect(out).toContain(`web chat: ${run.url}/?as=alice`);
    expect(out).toContain("bots: todo-bot, poll-bot, claim-bot, reminder-bot, demo-bot");
    expect(out.indexOf("web chat:")).toBeLessThan(out.indexOf("\nready"));
    expect(botPids(run)).toHaveLength(5);
    // Every bot is connected: each answers alice in "Team".
    const team = (await dev<Stream[]>(run.url, "GET", "/users/alice/streams")).find(
      (s) => s.roomAttributes?.name === "Team",
    )!.id;
    await dev(run.url, "POST", `/streams/${team}/messages`, { as: "alice", text: "/help" });
    await expect
      .poll(
        async () =>
          new Set(
            (await dev<Message[]>(run.url, "GET", `/streams/${team}/messages`)).map((m) => m.user.username),
          ),
        {
          timeout: 30_000,
        },
      )
      .toEqual(new Set(["alice", "todo-bot", "poll-bot", "claim-bot", "reminder-bot", "demo-bot"]));
    run.npm.kill("SIGINT");
    await allGone(run.tree);
  });

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`${signal} to npm's pid alone stops the pod and every bot`, async () => {
      const run = await npmStart("todo");
      expect(run.tree.length).toBeGreaterThanOrEqual(3); // npm, the runner, a bot
      run.npm.kill(signal);
      await allGone(run.tree);
      expect(run.output().out).toContain("stopped");
      await expect(fetch(run.url)).rejects.toThrow();
    });
  }

  it("npm killed outright (-9) leaves no orphan: the runner notices and stops the bots", async () => {
    const run = await npmStart("todo");
    run.npm.kill("SIGKILL");
    await allGone(run.tree);
  });

  it("a bot killed with -9 is reported; the others keep answering; stopping then ends everything", async () => {
    const run = await npmStart("todo", "demo");
    const todo = botPids(run).find((pid) => commandLine(pid).includes(" todo "))!;
    process.kill(todo, "SIGKILL");
    await expect
      .poll(() => run.output().err, { timeout: 10_000 })
      .toContain("todo-bot stopped unexpectedly (SIGKILL); the other bots keep running.");
    // alice's 1:1 with the demo bot (9005).
    const im = (await dev<Stream[]>(run.url, "GET", "/users/alice/streams")).find((s) =>
      s.streamAttributes?.members?.includes(9005),
    )!.id;
    await dev(run.url, "POST", `/streams/${im}/messages`, { as: "alice", text: "/echo still here" });
    await expect
      .poll(
        async () => (await dev<Message[]>(run.url, "GET", `/streams/${im}/messages`)).map((m) => m.message),
        {
          timeout: 10_000,
        },
      )
      .toContainEqual(expect.stringContaining("still here</"));
    run.npm.kill("SIGTERM");
    expect(await run.exited).not.toBe(null);
    await allGone(run.tree);
  });
});
