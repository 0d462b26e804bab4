import { spawn } from "node:child_process";
import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../src/index.ts";
import { type Clock, systemClock } from "../src/runtime/clock.ts";
import { at } from "./support/json-reading.ts";
import {
  type Account,
  authHeaders,
  createAccount,
  createPerson,
  devJson,
  login,
  readFeed,
  rest,
  type Session,
} from "./support/scripted-client.ts";
import type { WireEvent } from "./support/wire-shapes.ts";

/**
 * A bot killed mid long-poll must not keep taking events: its waiting read withdraws when its
 * connection closes, and a batch whose answer could not be written goes back at once. The visibility
 * timeout and the long-poll are ten minutes here, far beyond the test's own timeout: a message that
 * reached the dead reader instead would never arrive in time, so the test fails rather than passing slowly.
 */
const LONG_POLL_MS = 600_000;
const VISIBILITY_TIMEOUT_MS = 900_000;
const BIG_MESSAGES = { maxJsonBodyBytes: 12_000_000, maxMessageContentBytes: 12_000_000 };

/** The system clock, plus a way to wait until the emulator starts or stops a timer of a given length. */
class WatchedClock implements Clock {
  private readonly lengths = new Map<unknown, number>();
  private readonly watchers: Array<{ what: "set" | "cleared"; ms: number; seen: () => void }> = [];

  now = () => systemClock.now();

  setTimeout = (callback: () => void, ms: number) => {
    const handle = systemClock.setTimeout(() => {
      this.lengths.delete(handle);
      callback();
    }, ms);
    this.lengths.set(handle, ms);
    this.notify("set", ms);
    return handle;
  };

  clearTimeout = (handle: unknown) => {
    const ms = this.lengths.get(handle);
    systemClock.clearTimeout(handle);
    if (ms === undefined) return;
    this.lengths.delete(handle);
    this.notify("cleared", ms);
  };

  /** Resolves at the next time a timer of `ms` is set (a read starts waiting) or cleared (it stops). */
  next(what: "set" | "cleared", ms: number): Promise<void> {
    return new Promise((seen) => this.watchers.push({ what, ms, seen }));
  }

  private notify(what: "set" | "cleared", ms: number): void {
    for (const watcher of [...this.watchers]) {
      if (watcher.what !== what || watcher.ms !== ms) continue;
      this.watchers.splice(this.watchers.indexOf(watcher), 1);
      watcher.seen();
    }
  }
}

/** A raw HTTP/1.1 request on its own socket, so the test can kill the connection at will. */
function rawRequest(url: string, method: string, path: string, headers: Record<string, string>, body = "") {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  const lines = Object.entries({
    ...headers,
    host: `${hostname}:${port}`,
    "content-length": `${body.length}`,
  });
  socket.write(
    `${method} ${path} HTTP/1.1\r\n${lines.map(([k, v]) => `${k}: ${v}\r\n`).join("")}\r\n${body}`,
  );
  return socket;
}

const texts = (events: readonly WireEvent[]) =>
  events
    .filter((e) => e.type === "MESSAGESENT")
    .map((e) => String(at(e.payload, "messageSent", "message", "message")));

describe("a datafeed reader that went away takes nothing", () => {
  let emu: Emulator;
  let clock: WatchedClock;
  let bot: Account;
  let session: Session;
  let im: string;
  let alice: { id: number };

  const say = (text: string, data?: unknown) =>
    devJson(emu.url, `/streams/${im}/messages`, { as: alice.id, text, data });

  async function setup(extra: Parameters<typeof startEmulator>[0] = {}) {
    clock = new WatchedClock();
    emu = await startEmulator({
      clock,
      datafeed: { longPollMs: LONG_POLL_MS, visibilityTimeoutMs: VISIBILITY_TIMEOUT_MS, ttlMs: 3_600_000 },
      ...extra,
    });
    bot = await createAccount(emu.url, "bot");
    session = await login(emu.url, bot);
    alice = await createPerson(emu.url, "alice");
    im = (await devJson<{ streamId: string }>(emu.url, "/ims", { userIds: [alice.id, bot.id] })).streamId;
  }

  const createFeed = async () => {
    const res = await rest(emu.url, session, "POST", "/agent/v5/datafeeds", {});
    return ((await res.json()) as { id: string }).id;
  };

  afterEach(() => emu.close());

  /**
   * A waiting reader that never reads its socket. The message then handed to it carries 10 MB of data:
   * more than the socket buffers of a reader that reads nothing take, so the answer is still being
   * written when the reader's socket is destroyed.
   */
  async function stalledReader(socket: Socket) {
    socket.pause();
    await clock.next("set", LONG_POLL_MS);
    return {
      receiveAndDie: async (text: string) => {
        const handedOut = clock.next("cleared", LONG_POLL_MS);
        const posted = say(text, { blob: "x".repeat(10_000_000) });
        await handedOut;
        socket.destroy();
        await posted;
      },
    };
  }

  it("v2: a bot process killed (kill -9) mid long-poll withdraws; the next message goes to the restarted bot at once", async () => {
    await setup();
    const feed = await createFeed();
    const waiting = clock.next("set", LONG_POLL_MS);
    // The bot: a separate process whose read is waiting on the pod when it dies.
    const child = spawn(
      process.execPath,
      [
        "-e",
        `fetch(process.env.URL, { method: "POST", headers: JSON.parse(process.env.HEADERS), body: '{"ackId":""}' });
         setInterval(() => {}, 1000);`,
      ],
      {
        stdio: "ignore",
        env: {
          ...process.env,
          URL: `${emu.url}/agent/v5/datafeeds/${feed}/read`,
          HEADERS: JSON.stringify({ ...authHeaders(session), "content-type": "application/json" }),
        },
      },
    );
    const exited = new Promise((resolve) => child.once("exit", resolve));
    await waiting;
    const withdrawn = clock.next("cleared", LONG_POLL_MS);
    child.kill("SIGKILL");
    await exited;
    await withdrawn;

    await say("after the crash");
    const read = await readFeed(emu.url, session, feed, "");
    expect(texts(read.body.events)).toEqual([expect.stringContaining("after the crash")]);
  });

  it("v2: of two waiting readers, the one whose socket closed gets nothing; the live one gets the message", async () => {
    await setup();
    const feed = await createFeed();
    const firstWaiting = clock.next("set", LONG_POLL_MS);
    const dead = rawRequest(
      emu.url,
      "POST",
      `/agent/v5/datafeeds/${feed}/read`,
      { ...authHeaders(session), "content-type": "application/json" },
      '{"ackId":""}',
    );
    await firstWaiting;
    const secondWaiting = clock.next("set", LONG_POLL_MS);
    const live = readFeed(emu.url, session, feed, "");
    await secondWaiting;
    const withdrawn = clock.next("cleared", LONG_POLL_MS);
    dead.destroy();
    await withdrawn;

    await say("for the live one");
    // The dead reader was first in line: had it kept its place, the live one would wait ten minutes.
    expect(texts((await live).body.events)).toEqual([expect.stringContaining("for the live one")]);
  });

  it("v2: a batch whose answer could not be written is redelivered at once, not after the visibility timeout", async () => {
    await setup(BIG_MESSAGES);
    const feed = await createFeed();
    const stalled = await stalledReader(
      rawRequest(
        emu.url,
        "POST",
        `/agent/v5/datafeeds/${feed}/read`,
        { ...authHeaders(session), "content-type": "application/json" },
        '{"ackId":""}',
      ),
    );
    await stalled.receiveAndDie("too big to swallow");

    const read = await readFeed(emu.url, session, feed, "");
    expect(texts(read.body.events)).toEqual([expect.stringContaining("too big to swallow")]);
  });

  it("v1: a reader whose socket closed mid long-poll withdraws; the next reader gets the message at once", async () => {
    await setup();
    const created = await rest(emu.url, session, "POST", "/agent/v4/datafeed/create");
    const { id } = (await created.json()) as { id: string };
    const waiting = clock.next("set", LONG_POLL_MS);
    const dead = rawRequest(emu.url, "GET", `/agent/v4/datafeed/${id}/read`, authHeaders(session));
    await waiting;
    const withdrawn = clock.next("cleared", LONG_POLL_MS);
    dead.destroy();
    await withdrawn;

    await say("v1 after the crash");
    const read = await rest(emu.url, session, "GET", `/agent/v4/datafeed/${id}/read`);
    expect(texts((await read.json()) as WireEvent[])).toEqual([
      expect.stringContaining("v1 after the crash"),
    ]);
  });

  it("v1: events whose answer could not be written go back to the feed at once", async () => {
    await setup(BIG_MESSAGES);
    const created = await rest(emu.url, session, "POST", "/agent/v4/datafeed/create");
    const { id } = (await created.json()) as { id: string };
    const stalled = await stalledReader(
      rawRequest(emu.url, "GET", `/agent/v4/datafeed/${id}/read`, authHeaders(session)),
    );
    await stalled.receiveAndDie("v1 too big to swallow");

    const read = await rest(emu.url, session, "GET", `/agent/v4/datafeed/${id}/read`);
    expect(texts((await read.json()) as WireEvent[])).toEqual([
      expect.stringContaining("v1 too big to swallow"),
    ]);
  });
});
