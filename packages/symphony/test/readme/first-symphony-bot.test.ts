/**
 * "Your first Symphony bot" of packages/symphony/README.md, run as a newcomer would: the README's
 * seed.yaml and config.yaml (only the port changed) in a fresh folder, the bot's key pair, the
 * emulator, `tsx hello-bot.ts` as a child process, alice talking to it through the dev API, Ctrl-C.
 * If that section stops compiling or working, this fails.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createBot } from "@sprig/core";
import { type Emulator, startEmulator } from "@sprig/emulator";
import { isSymphonyError, parseConfig, silentLogger, symphony } from "@sprig/symphony";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const script = fileURLToPath(new URL("./hello-bot.ts", import.meta.url));
// tsx's loader by absolute URL: the child runs in a folder without node_modules, as `npx tsx` would.
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** The README's code block whose first line is `firstLine`. */
function block(firstLine: string): string {
  const found = [...readme.matchAll(/```(?:ts|yaml)\n([\s\S]*?)```/g)].find((m) =>
    m[1]?.startsWith(`${firstLine}\n`),
  );
  if (!found?.[1]) throw new Error(`The README has no code block starting with "${firstLine}".`);
  return found[1];
}

/** Lines of a child's output, and a way to wait for one. */
function lines(child: ChildProcess): { all: string[]; waitFor(line: string): Promise<void> } {
  const all: string[] = [];
  const waiters: { line: string; resolve: () => void }[] = [];
  let partial = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    const parts = (partial + chunk).split("\n");
    partial = parts.pop() ?? "";
    for (const line of parts) {
      all.push(line);
      for (const w of waiters.filter((w) => w.line === line)) w.resolve();
    }
  });
  return {
    all,
    waitFor: (line) =>
      all.includes(line) ? Promise.resolve() : new Promise((resolve) => waiters.push({ line, resolve })),
  };
}

async function dev<T>(pod: Emulator, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${pod.url}/emulator/v1${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface PodMessage {
  readonly message: string;
  readonly user: { readonly username: string };
}

describe("symphony README: your first Symphony bot", () => {
  let dir: string;
  let pod: Emulator;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "sprig-readme-"));
    // What `npx sprig-emulator keys hello-bot` writes (2048 bits here, to keep the test quick).
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    writeFileSync(join(dir, "hello-bot-private.pem"), privateKey.export({ type: "pkcs8", format: "pem" }));
    writeFileSync(join(dir, "hello-bot-public.pem"), publicKey.export({ type: "spki", format: "pem" }));
    writeFileSync(join(dir, "seed.yaml"), block("# seed.yaml"));
    pod = await startEmulator({ port: 0, seed: join(dir, "seed.yaml") });
    const config = block("# config.yaml");
    expect(config).toMatch(/^scheme: http /m);
    writeFileSync(join(dir, "config.yaml"), config.replace(/^port: 8080/m, `port: ${new URL(pod.url).port}`));
  });

  afterAll(async () => {
    await pod?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("the README shows hello-bot.ts as tested", () => {
    expect(block("// hello-bot.ts")).toBe(readFileSync(script, "utf8"));
  });

  it("starts on the emulator with the README's config, answers alice, and stops on SIGTERM", async () => {
    const child = spawn(process.execPath, ["--import", tsx, script], {
      cwd: dir,
      env: { ...process.env, SPRIG_LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    const out = lines(child);
    try {
      await Promise.race([
        out.waitFor("ready"),
        exited.then((code) => Promise.reject(new Error(`hello-bot exited (${code}): ${out.all.join("\n")}`))),
      ]);
      const streams = await dev<{ id: string; streamType: { type: string } }[]>(
        pod,
        "GET",
        "/users/alice/streams",
      );
      const im = streams.find((s) => s.streamType.type === "IM");
      expect(im).toBeDefined();
      await dev(pod, "POST", `/streams/${im!.id}/messages`, { as: "alice", text: "/hello" });
      let answer: PodMessage | undefined;
      for (let i = 0; i < 100 && !answer; i++) {
        const messages = await dev<PodMessage[]>(pod, "GET", `/streams/${im!.id}/messages`);
        answer = messages.find((m) => m.user.username === "hello-bot");
        if (!answer) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(answer?.message).toContain("Hello, Alice Smith!");
    } finally {
      child.kill("SIGTERM"); // as a container platform stops it
    }
    expect(await exited).toBe(0);
    expect(out.all).toContain("stopped");
  });

  it("a key the pod does not know: start() and done reject with AUTH_REJECTED", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    writeFileSync(join(dir, "other-private.pem"), privateKey.export({ type: "pkcs8", format: "pem" }));
    const config = readFileSync(join(dir, "config.yaml"), "utf8").replace(
      "hello-bot-private.pem",
      "other-private.pem",
    );
    writeFileSync(join(dir, "wrong-key.yaml"), config);
    const running = symphony(createBot(), { config: join(dir, "wrong-key.yaml"), logger: silentLogger() });
    const started = await running.start().catch((error: unknown) => error);
    expect(isSymphonyError(started) && started.code).toBe("AUTH_REJECTED");
    await expect(running.done).rejects.toBe(started);
    await running.stop();
  });

  it("the real-pod config: https on port 443 for every service, RSA key relative to the file", async () => {
    mkdirSync(join(dir, "rsa"));
    writeFileSync(
      join(dir, "rsa", "hello-bot-private.pem"),
      readFileSync(join(dir, "hello-bot-private.pem")),
    );
    const config = await parseConfig(block("# config.yaml on a real pod"), { baseDir: dir, env: {} });
    for (const service of Object.values(config.services)) {
      expect(service).toMatchObject({ scheme: "https", host: "acme.symphony.com", port: 443 });
    }
    expect(config.bot).toMatchObject({ username: "hello-bot", auth: { kind: "rsa" } });
  });
});
