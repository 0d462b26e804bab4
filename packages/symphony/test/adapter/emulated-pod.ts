import { generateKeyPairSync } from "node:crypto";
import { type DatafeedSettings, type Emulator, startEmulator, systemClock } from "@sprig/emulator";
import type { SymphonyConfig } from "../../src/index.ts";

export const ANN = 1001;
export const BOB = 1002;
export const BOT = 2001;

export interface EmulatedPod {
  readonly emulator: Emulator;
  readonly config: SymphonyConfig;
  /** The IM of ann and the bot, and the room "Team" (ann owner; bob and the bot members). */
  readonly annIm: string;
  readonly team: string;
  dev<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** A person's message through the dev API, as the web chat would post it. */
  say(streamId: string, as: number, text: string): Promise<{ messageId: string }>;
  /** Messages of a stream, oldest first (PresentationML + data). */
  messages(streamId: string): Promise<PodMessage[]>;
  /**
   * Moves the pod's clock on (its event timestamps and its answers' `Date`), as time passing on the
   * pod would: the emulator runs on this machine's clock plus everything advanced so far.
   */
  advanceClock(ms: number): void;
  /** Waits until the bot has posted `count` messages in the stream; returns them. */
  botMessages(streamId: string, count: number): Promise<PodMessage[]>;
  close(): Promise<void>;
}

export interface PodMessage {
  messageId: string;
  message: string;
  data?: string;
  user: { userId: number };
  timestamp: number;
}

let keys: { privateKeyPem: string; publicKeyPem: string } | undefined;
function botKeys() {
  keys ??= (() => {
    const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
    return {
      privateKeyPem: pair.privateKey.export({ type: "pkcs8", format: "pem" }) as string,
      publicKeyPem: pair.publicKey.export({ type: "spki", format: "pem" }) as string,
    };
  })();
  return keys;
}

/** An emulator with ann, bob and the bot, fast datafeed timings, and a config for the adapter. */
export async function emulatedPod(datafeed: Partial<DatafeedSettings> = {}): Promise<EmulatedPod> {
  const { privateKeyPem, publicKeyPem } = botKeys();
  let ahead = 0;
  const emulator = await startEmulator({
    clock: { ...systemClock, now: () => Date.now() + ahead },
    port: 0,
    seed: {
      users: [
        { id: ANN, username: "ann", displayName: "Ann Lee", email: "ann@example.com" },
        { id: BOB, username: "bob", displayName: "Bob Stone", email: "bob@example.com" },
        { id: BOT, username: "test-bot", displayName: "Test Bot", bot: true, publicKey: publicKeyPem },
      ],
    },
    datafeed: { visibilityTimeoutMs: 300, longPollMs: 200, ...datafeed },
    log: () => undefined,
  });
  const port = emulator.port;
  const service = { scheme: "http" as const, host: "127.0.0.1", port, context: "" };
  const retry = { maxAttempts: 3, initialIntervalMillis: 5, multiplier: 2, maxIntervalMillis: 20 };
  const config: SymphonyConfig = {
    services: { pod: service, agent: service, keyManager: service, sessionAuth: service },
    bot: { username: "test-bot", auth: { kind: "rsa", privateKeyPem } },
    datafeed: { version: "v2", retry: { ...retry, maxAttempts: -1 } },
    retry,
  };
  const dev = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${emulator.url}/emulator/v1${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text === "" ? undefined : JSON.parse(text)) as T;
  };
  const { streamId: annIm } = await dev<{ streamId: string }>("POST", "/ims", { userIds: [ANN, BOT] });
  const { streamId: team } = await dev<{ streamId: string }>("POST", "/rooms", {
    name: "Team",
    creatorId: ANN,
    memberIds: [BOB, BOT],
    ownerIds: [ANN],
  });
  const messages = (streamId: string) => dev<PodMessage[]>("GET", `/streams/${streamId}/messages`);
  return {
    emulator,
    config,
    annIm,
    team,
    dev,
    say: (streamId, as, text) => dev("POST", `/streams/${streamId}/messages`, { as, text }),
    messages,
    advanceClock(ms) {
      ahead += ms;
    },
    async botMessages(streamId, count) {
      for (let i = 0; i < 500; i++) {
        const fromBot = (await messages(streamId)).filter((m) => m.user.userId === BOT);
        if (fromBot.length >= count) return fromBot;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`The bot did not post ${count} message(s) in ${streamId}.`);
    },
    close: () => emulator.close(),
  };
}

/** The visible text of PresentationML. */
export function textOf(presentationML: string): string {
  return presentationML
    .replace(/<[^>]*>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}
