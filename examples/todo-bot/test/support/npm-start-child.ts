/**
 * `npm start -- todo` as a child process (`node --import tsx examples/start/src/main.ts todo`), with everything it writes
 * to stdout and stderr kept, and the emulator's dev API to act as people and inject faults.
 */
import { type ChildProcess, spawn } from "node:child_process";

export interface NpmStartChild {
  readonly child: ChildProcess;
  /** Everything written so far to stdout, and to stderr. */
  readonly output: () => { out: string; err: string };
  readonly exited: Promise<number | null>;
  /** The emulator's URL (printed before `ready`). */
  readonly url: string;
}

const ROOT = new URL("../../../../", import.meta.url);

export async function startNpmStart(
  env: Record<string, string>,
  preload: readonly string[] = [],
): Promise<NpmStartChild> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", ...preload.flatMap((p) => ["--import", p]), "examples/start/src/main.ts", "todo"],
    { cwd: ROOT, env: { ...process.env, PORT: "0", ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  let err = "";
  child.stderr?.on("data", (d) => {
    err += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (d) => {
      out += String(d);
      if (out.split("\n").includes("ready")) resolve();
    });
    void exited.then((code) => reject(new Error(`npm start exited (${code}) before ready:\n${out}\n${err}`)));
  });
  const url = /sprig emulator: (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
  if (!url) throw new Error(`npm start printed no emulator URL:\n${out}`);
  return { child, output: () => ({ out, err }), exited, url };
}

export async function devApi<T>(url: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${url}/emulator/v1${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface Message {
  messageId: string;
  user: { userId: number };
  message: string;
}

/** alice's 1:1 with the bot. */
export async function aliceIm(url: string): Promise<string> {
  const streams = await devApi<{ id: string; streamType: { type: string } }[]>(
    url,
    "GET",
    "/users/alice/streams",
  );
  const im = streams.find((s) => s.streamType.type === "IM");
  if (!im) throw new Error("alice has no 1:1 with the bot");
  return im.id;
}

/** alice says `text`; resolves with the bot's first new message in the stream after it (bounded wait). */
export async function aliceSays(url: string, im: string, text: string, botId = 9001): Promise<Message> {
  const before = new Set(
    (await devApi<Message[]>(url, "GET", `/streams/${im}/messages`)).map((m) => m.messageId),
  );
  await devApi(url, "POST", `/streams/${im}/messages`, { as: "alice", text });
  for (let i = 0; i < 500; i++) {
    const messages = await devApi<Message[]>(url, "GET", `/streams/${im}/messages`);
    const answer = messages.find((m) => m.user.userId === botId && !before.has(m.messageId));
    if (answer) return answer;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`the bot did not answer "${text}"`);
}
