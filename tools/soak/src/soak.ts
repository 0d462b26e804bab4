/**
 * The soak: scripted people talk to the todo bot (with `/echo`) running as several instances on
 * one datafeed with Redis, while the pod injects faults, instances are SIGKILLed and started again
 * (some in the middle of a batch), Redis is restarted and the feed is deleted. Then every answer is
 * counted per message (lost, doubled, out of order), hostile inputs are sent end to end, and every
 * log line of every instance is searched for a token or key.
 */
import { createIdSource, type IdSource, systemRandom } from "@sprig/emulator";
import { startRedisServer } from "@sprig/redis/testing";
import { SymphonyConnection, silentLogger } from "@sprig/symphony";
import {
  BOT_ID,
  type EmulatedPod,
  type LiveEvents,
  type PodMessage,
  startEmulatedPod,
} from "@sprig/testing/emulator";
import { findSecrets, keyPieces } from "./check/log-scan.ts";
import { type Tally, tally } from "./check/tally.ts";
import { type ExitReport, Instances } from "./cluster/instances.ts";
import { type HostileResult, sendHostileInputs } from "./hostile/hostile-inputs.ts";
import { type ChaosFigures, makeTrouble } from "./load/chaos.ts";
import { expectedAnswers, type Person } from "./load/ledger.ts";
import { talk } from "./load/people.ts";
import { seededRandom } from "./load/seeded-random.ts";

export interface SoakOptions {
  readonly messages: number;
  readonly people: number;
  readonly instances: number;
  /** SIGKILLs of an instance, each followed by a new process. */
  readonly kills: number;
  readonly redisRestarts: number;
  readonly feedDeletions: number;
  readonly seed: number;
  /** Longest pause between two messages of one person (ms). */
  readonly maxGapMs: number;
  /** Send the hostile inputs after the load. */
  readonly hostile: boolean;
  /** How long the answers may take to arrive once everyone has spoken (ms). */
  readonly drainTimeoutMs: number;
  /** Progress lines (default: none). */
  readonly log: (line: string) => void;
}

export const DEFAULT_SOAK: SoakOptions = {
  messages: 10_000,
  people: 50,
  instances: 3,
  kills: 5,
  redisRestarts: 1,
  feedDeletions: 1,
  seed: Date.now() % 1_000_000,
  maxGapMs: 400,
  hostile: true,
  drainTimeoutMs: 300_000,
  log: () => {},
};

export interface SoakResult {
  readonly options: Omit<SoakOptions, "log">;
  readonly tally: Tally;
  readonly kills: { readonly total: number; readonly midBatch: number };
  readonly redisRestarts: number;
  readonly feedDeletions: number;
  readonly chaos: ChaosFigures;
  readonly crashes: number;
  readonly crashDetails: string[];
  readonly hostile: readonly HostileResult[];
  readonly logLines: number;
  readonly secretsInLogs: number;
  readonly cleanStops: boolean;
  /** Each instance that did not stop cleanly: how it ended, and its last lines. */
  readonly uncleanStops: string[];
  readonly seconds: { readonly load: number; readonly drain: number; readonly total: number };
  /** True when every promise held: nothing lost, doubled, out of order; no crash; no leak. */
  readonly passed: boolean;
}

/** Visibility long enough that a healthy instance acknowledges first; short so a killed one's batch comes back soon. */
const VISIBILITY_MS = 2_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The emulator's ids, with every token it mints remembered: none may appear in a log line. */
function recordingTokens(): { ids: IdSource; tokens: Set<string> } {
  const ids = createIdSource(systemRandom);
  const tokens = new Set<string>();
  return {
    tokens,
    ids: {
      ...ids,
      token: () => {
        const token = ids.token();
        tokens.add(token);
        return token;
      },
    },
  };
}

/** Sorted moments in (5 %, 90 %) of the run, as counts of messages said. */
function exitDetails(exit: ExitReport): string {
  return `instance ${exit.instance} exited (${exit.code ?? exit.signal}):\n${exit.lastLines}`;
}

function progressPoints(count: number, total: number, random: () => number): number[] {
  return Array.from({ length: count }, () => Math.floor(total * (0.05 + 0.85 * random()))).sort(
    (a, b) => a - b,
  );
}

export async function runSoak(partial: Partial<SoakOptions> = {}): Promise<SoakResult> {
  const options: SoakOptions = { ...DEFAULT_SOAK, ...partial };
  const { log } = options;
  const random = seededRandom(options.seed);
  const started = Date.now();
  const { ids, tokens } = recordingTokens();

  // With an append-only file: the Redis restart must give back the claims and places it held.
  const redis = await startRedisServer({ appendOnly: true });
  let pod: EmulatedPod | undefined;
  let instances: Instances | undefined;
  let asBot: SymphonyConnection | undefined;
  const subscriptions: LiveEvents[] = [];
  try {
    pod = await startEmulatedPod({
      people: ["alice", "mallory"],
      ids,
      datafeed: { visibilityTimeoutMs: VISIBILITY_MS, longPollMs: 300 },
      rooms: [{ name: "Team", members: ["alice", "mallory"], owners: ["alice"] }],
    });
    const { dev } = pod;
    instances = new Instances(pod.configPath, { SPRIG_REDIS_URL: redis.url });
    for (let i = 0; i < options.instances; i++) await instances.start(i);
    log(`${options.instances} instances ready; Redis at ${redis.url}; seed ${options.seed}`);
    // The soak's own session as the bot: to delete the feed as the pod would see it done.
    asBot = new SymphonyConnection(pod.config, { logger: silentLogger() });
    await asBot.start();

    const people: Person[] = [];
    for (let i = 0; i < options.people; i++) {
      const user = await dev.createUser({ username: `p${i}`, displayName: `Person ${i}` });
      people.push({
        index: i,
        id: user.id,
        username: user.username,
        im: await dev.createIm([user.id, BOT_ID]),
        said: [],
      });
      subscriptions.push(await dev.subscribe(user.id));
    }

    const messagesOf = async () =>
      new Map<string, PodMessage[]>(
        await Promise.all(people.map(async (p) => [p.im, await dev.messages(p.im)] as const)),
      );
    const unanswered = async () => {
      const all = await messagesOf();
      return people.reduce((sum, p) => {
        const got = (all.get(p.im) ?? []).filter((m) => m.user.userId === BOT_ID).length;
        return sum + Math.max(0, expectedAnswers(p) - got);
      }, 0);
    };
    const drain = async (timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      let left = await unanswered();
      // A crashed instance fails the soak: no use waiting for what it may have held.
      while (left > 0 && Date.now() < deadline && instances!.crashes.length === 0) {
        await sleep(500);
        left = await unanswered();
      }
      return left;
    };

    // People pause at a gate while the feed is deleted (a deleted feed loses what it held, on a real pod too).
    let gate: Promise<void> = Promise.resolve();
    let atGate = 0;
    let finished = 0;
    let said = 0;
    const chaos: ChaosFigures = {};
    const kills = { total: 0, midBatch: 0 };
    let redisRestarts = 0;
    let feedDeletions = 0;

    const killPoints = progressPoints(options.kills, options.messages, random);
    const redisPoints = progressPoints(options.redisRestarts, options.messages, random);
    const feedPoints = progressPoints(options.feedDeletions, options.messages, random);

    const killOne = async () => {
      // Prefer an instance in the middle of an action: its batch is neither done nor acknowledged.
      let victim = Math.floor(random() * options.instances);
      let midBatch = false;
      for (let tries = 0; tries < 100 && !midBatch; tries++) {
        for (let i = 0; i < options.instances && !midBatch; i++) {
          if ((await instances!.busy(i)) > 0) {
            victim = i;
            midBatch = true;
          }
        }
      }
      await instances!.kill(victim);
      kills.total++;
      if (midBatch) kills.midBatch++;
      log(`killed instance ${victim}${midBatch ? " in the middle of a batch" : ""} at message ${said}`);
      await sleep(100 + random() * 1_500);
      await instances!.start(victim);
    };
    const restartRedis = async () => {
      log(`restarting Redis at message ${said}`);
      await redis.pause();
      await sleep(500 + random() * 1_000);
      await redis.resume();
      redisRestarts++;
    };
    const deleteFeed = async () => {
      let open!: () => void;
      gate = new Promise((resolve) => (open = resolve));
      while (atGate + finished < people.length) await sleep(50);
      await dev.clearFaults();
      const left = await drain(options.drainTimeoutMs);
      if (left > 0) log(`deleting the feed with ${left} answers still missing`);
      const [feed] = await asBot!.datafeed.listV2(undefined);
      if (feed?.id) {
        await asBot!.datafeed.deleteV2(feed.id);
        feedDeletions++;
        log(`deleted the feed ${feed.id} at message ${said}`);
        for (let i = 0; i < 600; i++) {
          if ((await asBot!.datafeed.listV2(undefined)).some((f) => f.id !== feed.id)) break;
          await sleep(50);
        }
      }
      open();
    };

    const budget = (i: number) =>
      Math.floor(options.messages / options.people) + (i < options.messages % options.people ? 1 : 0);
    const talking = Promise.all(
      people.map((person, i) =>
        talk(person, subscriptions[i]!, budget(i), {
          dev,
          random,
          maxGapMs: options.maxGapMs,
          gate: async () => {
            atGate++;
            await gate;
            atGate--;
            return instances!.crashes.length === 0;
          },
          onSaid: () => void said++,
        }).finally(() => finished++),
      ),
    );
    let done = false;
    void talking.finally(() => (done = true));

    let lastReport = 0;
    while (!done && instances.crashes.length === 0) {
      if (killPoints.length && said >= killPoints[0]!) {
        killPoints.shift();
        await killOne();
      } else if (redisPoints.length && said >= redisPoints[0]!) {
        redisPoints.shift();
        await restartRedis();
      } else if (feedPoints.length && said >= feedPoints[0]!) {
        feedPoints.shift();
        await deleteFeed();
      } else {
        await makeTrouble(dev, random, chaos);
        await sleep(150 + random() * 300);
      }
      if (said - lastReport >= Math.max(100, options.messages / 10)) {
        lastReport = said;
        log(`${said} of ${options.messages} messages said`);
      }
    }
    await talking;
    // Moments the load ended before (a short run): they still happen, now.
    const crashed = () => instances!.crashes.length > 0;
    for (const _ of killPoints) if (!crashed()) await killOne();
    for (const _ of redisPoints) if (!crashed()) await restartRedis();
    for (const _ of feedPoints) if (!crashed()) await deleteFeed();
    const loadDone = Date.now();
    await dev.clearFaults();
    log(`all ${said} messages said; waiting for the answers`);
    await drain(options.drainTimeoutMs);
    // Redeliveries and duplicates would show by now.
    await sleep(3 * VISIBILITY_MS);
    const counted = tally(people, await messagesOf(), BOT_ID);
    const drained = Date.now();
    log(`counted: ${JSON.stringify({ ...counted, problems: counted.problems.length })}`);

    // With an instance crashed, nothing would answer: the crash is the result.
    const hostile =
      options.hostile && instances.crashes.length === 0 ? await sendHostileInputs(pod, log) : [];

    const unclean = await instances.stopAll();
    const leaks = findSecrets(instances.lines, [...tokens, ...keyPieces(pod.privateKeyPem)]);
    const crashes = instances.crashes;
    const result = {
      options: (({ log: _log, ...rest }) => rest)(options),
      tally: counted,
      kills,
      redisRestarts,
      feedDeletions,
      chaos,
      crashes: crashes.length,
      crashDetails: crashes.map(exitDetails),
      hostile,
      logLines: instances.lines.length,
      secretsInLogs: leaks.length,
      cleanStops: unclean.length === 0,
      uncleanStops: unclean.map(exitDetails),
      seconds: {
        load: (loadDone - started) / 1000,
        drain: (drained - loadDone) / 1000,
        total: (Date.now() - started) / 1000,
      },
    };
    const passed =
      counted.lost === 0 &&
      counted.doubled === 0 &&
      counted.outOfOrder === 0 &&
      counted.wrongState === 0 &&
      counted.unexpected === 0 &&
      result.crashes === 0 &&
      result.secretsInLogs === 0 &&
      result.cleanStops &&
      hostile.every((h) => h.passed);
    return { ...result, passed };
  } finally {
    for (const s of subscriptions) s.close();
    await instances?.killAll();
    await asBot?.close();
    await pod?.close();
    await redis.stop();
  }
}
