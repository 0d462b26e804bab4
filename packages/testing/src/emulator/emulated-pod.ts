/**
 * One emulated pod for an end-to-end run: the emulator on a free loopback port (HTTP, or HTTPS
 * with its self-signed certificate), seeded with people and the bot's account (a key pair made
 * for this run), and a BDK-style `config.yaml` pointing the adapter at it — read through
 * `loadConfig`, as a bot author's would be.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DatafeedSettings, type Emulator, type IdSource, startEmulator } from "@sprig/emulator";
import type { SymphonyConfig } from "@sprig/symphony";
import { loadConfig } from "@sprig/symphony";
import { stringify } from "yaml";
import { DevApi } from "./dev-api.ts";

export const BOT_USERNAME = "sprig";
export const BOT_ID = 9001;

/** The people a pod starts with unless told otherwise (display name = username, so scenarios read naturally). */
export const PEOPLE = ["alice", "bob", "cy", "dee"] as const;
const FIRST_PERSON_ID = 1001;

export interface EmulatedPodOptions {
  /** The people on the pod (username = display name); default `PEOPLE`. */
  readonly people?: readonly string[];
  readonly tls?: boolean;
  /** Over TLS, name the emulator's certificate in `ssl.trustStore.path` (default true). */
  readonly trustCertificate?: boolean;
  /** Fast datafeed timings by default, so redelivery and long polls take milliseconds. */
  readonly datafeed?: Partial<DatafeedSettings>;
  /** Where the emulator's own log lines go (default: nowhere). */
  readonly log?: (line: string) => void;
  /** Extra keys merged into the generated config.yaml (e.g. `retry`). */
  readonly config?: Record<string, unknown>;
  /** Rooms made at start: name → members (the bot is always one) and owners. */
  readonly rooms?: ReadonlyArray<{ name: string; members: readonly string[]; owners?: readonly string[] }>;
  /** The emulator's id source (tokens included): a soak wraps it to learn every token it must never see logged. */
  readonly ids?: IdSource;
}

export interface EmulatedPod {
  /** The people on the pod, by username. */
  readonly people: readonly string[];
  readonly emulator: Emulator;
  readonly dev: DevApi;
  readonly config: SymphonyConfig;
  /** The generated config file (its folder also holds the bot's private key). */
  readonly configPath: string;
  /** The bot's private key PEM, for the secrets test. */
  readonly privateKeyPem: string;
  readonly personId: (username: string) => number;
  /** Stream id of a room made at start. */
  readonly roomId: (name: string) => string;
  close(): Promise<void>;
}

/** Fast, but with visibility long enough that a healthy bot acknowledges before any redelivery. */
export const FAST_DATAFEED: Partial<DatafeedSettings> = {
  visibilityTimeoutMs: 2_000,
  longPollMs: 200,
};

/** The BDK's backoff shape, scaled down so a burst of faults costs milliseconds, not minutes. */
export const FAST_RETRY = {
  maxAttempts: 10,
  initialIntervalMillis: 20,
  multiplier: 2,
  maxIntervalMillis: 200,
};

let keyPair: { privateKeyPem: string; publicKeyPem: string } | undefined;

/** One key pair per test process (each pod registers it anew). */
function botKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  // 2048 bits: as valid for RS512 as 4096, and quick to make on a shared machine.
  keyPair ??= (() => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    return {
      privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    };
  })();
  return keyPair;
}

export async function startEmulatedPod(options: EmulatedPodOptions = {}): Promise<EmulatedPod> {
  const dir = mkdtempSync(join(tmpdir(), "sprig-emulated-pod-"));
  const { privateKeyPem, publicKeyPem } = botKeyPair();
  writeFileSync(join(dir, "bot-private.pem"), privateKeyPem, { mode: 0o600 });

  const people = options.people ?? PEOPLE;
  const ids = new Map<string, number>(people.map((name, i) => [name, FIRST_PERSON_ID + i]));
  const datafeed = { ...FAST_DATAFEED, ...options.datafeed };
  const emulator = await startEmulator({
    port: 0,
    ...(options.tls ? { tls: true, dataDir: join(dir, "pod") } : {}),
    datafeed,
    log: options.log ?? (() => {}),
    ...(options.ids ? { ids: options.ids } : {}),
    seed: {
      users: [
        ...people.map((name) => ({
          username: name,
          displayName: name,
          email: `${name}@example.com`,
          id: ids.get(name),
        })),
        { username: BOT_USERNAME, displayName: BOT_USERNAME, bot: true, id: BOT_ID, publicKey: publicKeyPem },
      ],
      rooms: (options.rooms ?? []).map((room) => ({
        name: room.name,
        creator: room.owners?.[0] ?? room.members[0] ?? BOT_USERNAME,
        members: [...room.members, BOT_USERNAME],
        owners: [...(room.owners ?? [])],
      })),
    },
  });

  const url = new URL(emulator.url);
  const settings: Record<string, unknown> = {
    scheme: url.protocol === "https:" ? "https" : "http",
    host: url.hostname,
    port: Number(url.port),
    bot: { username: BOT_USERNAME, privateKey: { path: "bot-private.pem" } },
    retry: FAST_RETRY,
    datafeed: {
      version: "v2",
      retry: { ...FAST_RETRY, maxAttempts: -1 },
      // A lost read is read again once this pod hands its events out again.
      lostReadWaitMs: datafeed.visibilityTimeoutMs,
    },
    ...options.config,
  };
  if (emulator.certificate && options.trustCertificate !== false) {
    writeFileSync(join(dir, "pod-ca.pem"), emulator.certificate);
    settings.ssl = { trustStore: { path: "pod-ca.pem" } };
  }
  const configPath = join(dir, "config.yaml");
  writeFileSync(configPath, stringify(settings));
  const config = await loadConfig(configPath, { env: {} });

  const dev = new DevApi(emulator.url, emulator.certificate);
  const rooms = new Map<string, string>();
  if (options.rooms?.length) {
    const byName = new Map<string, string>();
    for (const stream of await dev.streamsOf(BOT_ID)) {
      const name = (stream as { roomAttributes?: { name?: string } }).roomAttributes?.name;
      if (name) byName.set(name, stream.id);
    }
    for (const room of options.rooms) {
      const id = byName.get(room.name);
      if (!id) throw new Error(`The emulator did not make room ${room.name} from the seed.`);
      rooms.set(room.name, id);
    }
  }

  return {
    people,
    emulator,
    dev,
    config,
    configPath,
    privateKeyPem,
    personId: (name) => {
      const id = name === BOT_USERNAME ? BOT_ID : ids.get(name);
      if (id === undefined)
        throw new Error(`No person "${name}" on the emulated pod; name them in the pod's \`people\`.`);
      return id;
    },
    roomId: (name) => {
      const id = rooms.get(name);
      if (!id) throw new Error(`No room "${name}" on the emulated pod; name it in the pod's \`rooms\`.`);
      return id;
    },
    close: async () => {
      await dev.close();
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
