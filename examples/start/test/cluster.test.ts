/**
 * `npm run start:cluster` as a person runs it in a terminal: npm, the runner, a throwaway
 * redis-server and two instances of the todo bot, all in the terminal's foreground process group.
 * Ctrl-C there sends SIGINT to every process of the group at once — and npm forwards it to the
 * runner a second time. Everything must still stop cleanly: the bots finish the batch in hand with
 * Redis still up, then Redis stops and its temporary directory goes, and no port stays taken.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readlinkSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { redisServerMissing } from "@sprig/redis/testing";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { alive, allGone, commandLine, descendants } from "./support/process-tree.ts";

const missing = redisServerMissing();
const ROOT = new URL("../../../", import.meta.url);
const dir = mkdtempSync(join(tmpdir(), "sprig-cluster-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let started: ChildProcess | undefined;
/** Every process seen under the test's npm (Redis runs in a process group of its own). */
let seen: number[] = [];
afterEach(() => {
  // Whatever a failed test left behind: the whole process group, as the terminal would, and Redis.
  if (started?.pid !== undefined) {
    for (const pid of [-started.pid, ...seen]) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {}
    }
  }
  started = undefined;
  seen = [];
});

interface Cluster {
  readonly npm: ChildProcess;
  readonly output: () => { out: string; err: string };
  readonly url: string;
  readonly redisPort: number;
  readonly tree: number[];
}

/** `npm run start:cluster` in a process group of its own, as a terminal's foreground job. */
async function startCluster(): Promise<Cluster> {
  const npm = spawn("npm", ["run", "start:cluster"], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", SPRIG_DIR: dir, SPRIG_LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  started = npm;
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
    void exited.then((code) =>
      reject(new Error(`start:cluster exited (${code}) before ready:\n${out}\n${err}`)),
    );
  });
  seen = [npm.pid!, ...descendants(npm.pid!)];
  return {
    npm,
    output: () => ({ out, err }),
    url: /sprig emulator: (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!,
    redisPort: Number(/sharing Redis at redis:\/\/127\.0\.0\.1:(\d+)/.exec(out)![1]),
    tree: seen,
  };
}

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });

// Starting Node.js processes is slow on a busy machine: generous bounds, never a speed claim.
describe.skipIf(missing !== undefined)("npm run start:cluster", { timeout: 120_000 }, () => {
  it("Ctrl-C in its terminal stops everything cleanly: Redis outlives the bots, its directory and every port are freed", async () => {
    const cluster = await startCluster();
    const bots = cluster.tree.filter((pid) => commandLine(pid).includes("bot-process.ts"));
    const redis = cluster.tree.find((pid) => commandLine(pid).startsWith("/usr/bin/redis-server"));
    expect(bots).toHaveLength(2);
    expect(redis).toBeDefined();
    const redisDir = readlinkSync(`/proc/${redis}/cwd`);
    expect(redisDir).toContain("sprig-redis-");

    // A terminal's Ctrl-C: SIGINT to every process of the foreground group.
    process.kill(-cluster.npm.pid!, "SIGINT");
    // Redis must be up for as long as a bot may still finish its batch in hand with it.
    let redisGoneFirst = false;
    const until = Date.now() + 15_000;
    while (cluster.tree.some(alive) && Date.now() < until) {
      if (!alive(redis!) && bots.some(alive)) redisGoneFirst = true;
      await new Promise((r) => setTimeout(r, 5));
    }
    const left = cluster.tree.filter(alive).map((pid) => `${pid} ${commandLine(pid)}`);
    expect(left, "still running").toEqual([]);
    const { out, err } = cluster.output();
    expect(out, "the runner's own stop ran to its end").toContain("\nstopped\n");
    expect(redisGoneFirst, "redis-server stopped while a bot was still running").toBe(false);
    expect(err).not.toContain("Redis went away");
    expect(existsSync(redisDir), "Redis's temporary directory is removed").toBe(false);
    expect(await refused(cluster.redisPort)).toBe(true);
    await expect(fetch(cluster.url)).rejects.toThrow();
  });

  it("an instance killed with -9 is reported as such; the other one answers what is said next", async () => {
    const cluster = await startCluster();
    const [first, second] = cluster.tree.filter((pid) => commandLine(pid).includes("bot-process.ts"));
    process.kill(second!, "SIGKILL");
    await expect
      .poll(() => cluster.output().err, { timeout: 10_000 })
      .toMatch(
        new RegExp(
          `todo-bot \\(instance \\d of 2, pid ${second}\\) stopped unexpectedly \\(SIGKILL\\); the other instances keep reading its feed: what it held comes back to them after the pod's visibility timeout\\.`,
        ),
      );
    const streams = (await (await fetch(`${cluster.url}/emulator/v1/users/alice/streams`)).json()) as {
      id: string;
      roomAttributes?: { name: string };
    }[];
    const team = streams.find((s) => s.roomAttributes?.name === "Team")!.id;
    const post = await fetch(`${cluster.url}/emulator/v1/streams/${team}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ as: "alice", text: "/help" }),
    });
    expect(post.ok).toBe(true);
    const answers = async () =>
      (
        (await (await fetch(`${cluster.url}/emulator/v1/streams/${team}/messages`)).json()) as {
          user: { username: string };
        }[]
      ).filter((m) => m.user.username === "todo-bot").length;
    await expect.poll(answers, { timeout: 60_000 }).toBe(1);
    expect(alive(first!)).toBe(true);
  });

  it("the runner killed with -9 leaves no process behind: the bots and Redis stop with it", async () => {
    const cluster = await startCluster();
    const runner = cluster.tree.find((pid) => commandLine(pid).includes("examples/start/src/main.ts"));
    expect(cluster.tree.some((pid) => commandLine(pid).startsWith("/usr/bin/redis-server"))).toBe(true);
    process.kill(runner!, "SIGKILL");
    await allGone(cluster.tree.filter((pid) => pid !== cluster.npm.pid));
  });

  it("Ctrl-C during start-up, the moment Redis has started, leaves nothing behind", async () => {
    const npm = spawn("npm", ["run", "start:cluster"], {
      cwd: ROOT,
      env: { ...process.env, PORT: "0", SPRIG_DIR: dir },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    started = npm;
    let out = "";
    npm.stdout.on("data", (d) => {
      out += String(d);
    });
    let redis: number | undefined;
    let redisDir = "";
    // Until redis-server runs in its temporary directory (it moves there as it reads its options).
    while (!redisDir.includes("sprig-redis-")) {
      await new Promise((r) => setTimeout(r, 5));
      redis = descendants(npm.pid!).find((pid) => commandLine(pid).startsWith("/usr/bin/redis-server"));
      try {
        if (redis !== undefined) redisDir = readlinkSync(`/proc/${redis}/cwd`);
      } catch {}
    }
    const tree = [npm.pid!, ...descendants(npm.pid!)];
    seen = tree;
    process.kill(-npm.pid!, "SIGINT");
    await allGone(tree);
    expect(alive(redis!)).toBe(false);
    expect(existsSync(redisDir), "Redis's temporary directory is removed").toBe(false);
    expect(out).toContain("SIGINT: stopping");
    expect(out).toContain("\nstopped\n");
    expect(out).not.toContain("ready");
  });
});
