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

let running: Run | undefined;
afterEach(() => {
  // Whatever a failed test left behind.
  for (const pid of running?.tree ?? []) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {}
  }
  running = undefined;
});

async function npmStart(...bots: string[]): Promise<Run> {
  const npm = spawn("npm", ["start", "--", ...bots], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", SPRIG_DIR: dir },
    stdio: ["ignore", "pipe", "pipe"],
  });
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
  running = { npm, output: () => ({ out, err }), exited, url, tree: [npm.pid!, ...descendants(npm.pid!)] };
  return running;
}

const botPids = (run: Run) => run.tree.filter((pid) => commandLine(pid).includes("bot-process.ts"));

describe("npm start's lifecycle", () => {
  it("prints the web chat's URL as alice, then ready once every bot is connected", async () => {
    const run = await npmStart("todo");
    expect(run.output().out).toContain(`web chat: ${run.url}/?as=alice`);
    expect(botPids(run)).toHaveLength(1);
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

  it("a bot killed with -9 is reported, and stopping afterwards still ends everything", async () => {
    const run = await npmStart("todo");
    const [bot] = botPids(run);
    process.kill(bot!, "SIGKILL");
    await run.exited;
    expect(run.output().err).toContain("todo-bot stopped unexpectedly (SIGKILL)");
    await allGone(run.tree);
  });
});
