import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "sprig-start-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Message {
  user: { userId: number };
  message: string;
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

// npm start forks the bot as its own Node.js process: slow to start on a busy machine (bounds, not speed claims).
describe("npm start", { timeout: 120_000 }, () => {
  it("starts the emulator and the todo bot over HTTP, answers a person, and stops cleanly on Ctrl-C", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "examples/start/src/main.ts", "todo"], {
      cwd: new URL("../../../", import.meta.url),
      env: { ...process.env, PORT: "0", SPRIG_DIR: dir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stderr.on("data", (d) => {
      err += String(d);
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d) => {
        out += String(d);
        if (out.split("\n").includes("ready")) resolve();
      });
      void exited.then((code) =>
        reject(new Error(`npm start exited (${code}) before ready:\n${out}\n${err}`)),
      );
    });
    try {
      const url = /sprig emulator: (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      expect(url).toBeDefined();
      expect(out.split("\n").filter((line) => line === "ready")).toHaveLength(1);

      // alice talks to the bot in her 1:1, as the web chat would post it.
      const streams = await dev<{ id: string; streamType: { type: string } }[]>(
        url!,
        "GET",
        "/users/alice/streams",
      );
      const im = streams.find((s) => s.streamType.type === "IM")!.id;
      await dev(url!, "POST", `/streams/${im}/messages`, { as: "alice", text: "/new" });
      let answer: Message | undefined;
      for (let i = 0; i < 300 && !answer; i++) {
        const messages = await dev<Message[]>(url!, "GET", `/streams/${im}/messages`);
        answer = messages.find((m) => m.user.userId === 9001);
        if (!answer) await new Promise((r) => setTimeout(r, 20));
      }
      expect(answer?.message).toContain('form id="todo-list"');
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
    expect(out).toContain("stopped");
    // The key pair was made on this first run, in the folder given (git-ignored .sprig/ by default).
    expect(readFileSync(join(dir, "todo-bot-private.pem"), "utf8")).toContain("PRIVATE KEY");
    // Logs never show the key.
    expect(out + err).not.toContain("PRIVATE KEY");
  });

  it("says which port is taken and how to choose another, instead of a stack trace", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const child = spawn(process.execPath, ["--import", "tsx", "examples/start/src/main.ts", "todo"], {
        cwd: new URL("../../../", import.meta.url),
        env: { ...process.env, PORT: String(port), SPRIG_DIR: dir },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let err = "";
      child.stderr.on("data", (d) => {
        err += String(d);
      });
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      expect(code).toBe(2);
      expect(err).toContain(`Port ${port} is already in use`);
      expect(err).toContain("PORT=0");
      expect(err).not.toContain("node:net");
    } finally {
      blocker.close();
    }
  });
});
