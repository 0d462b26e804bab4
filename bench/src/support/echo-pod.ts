/**
 * The pod side of the echo benchmark, in a process of its own: the emulator, the people, their 1:1
 * chats with the bot, and the load (people posting through the dev API and watching their live event
 * streams for the answer). The bot under test runs in the parent process, as a deployed bot runs on
 * another machine than its pod, so that the bot's own cost is what differs between the two sides.
 *
 * Driven over the fork IPC channel: the parent sends `drive` (one measured round) or `close`.
 */
import { performance } from "node:perf_hooks";
import { DevApi } from "../../../packages/symphony/test/e2e/support/dev-api.ts";
import { BOT_ID, startTestPod, type TestPod } from "../../../packages/symphony/test/e2e/support/test-pod.ts";

export interface EchoPodReady {
  readonly kind: "ready";
  readonly configPath: string;
}

export interface EchoRound {
  readonly kind: "round";
  readonly messages: number;
  readonly seconds: number;
  readonly latencies: number[];
  /** CPU time of the pod process (emulator and load) during the round, in µs. */
  readonly podCpuMicros: number;
}

export type EchoPodCommand = { readonly kind: "drive" } | { readonly kind: "close" };

interface Im {
  readonly person: number;
  readonly stream: string;
}

const PEOPLE = Number(process.env.PEOPLE ?? 8);
const MESSAGES = Number(process.env.MESSAGES ?? 150);

async function seedPeople(pod: TestPod): Promise<Im[]> {
  const ims: Im[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const person = await pod.dev.createUser({ username: `bench${i}`, displayName: `Bench ${i}` });
    ims.push({ person: person.id, stream: await pod.dev.createIm([person.id, BOT_ID]) });
  }
  return ims;
}

/** One round: every person sends MESSAGES messages, each after the answer to the previous one. */
async function drive(pod: TestPod, ims: readonly Im[]): Promise<EchoRound> {
  const dev = new DevApi(pod.emulator.url);
  const latencies: number[] = [];
  const streams = await Promise.all(ims.map(({ person }) => dev.subscribe(person)));
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    ims.map(async ({ person, stream }, i) => {
      const replies = streams[i]!;
      for (let n = 0; n < MESSAGES; n++) {
        const text = `m${person}-${n}`;
        const sent = performance.now();
        await dev.postText(stream, person, text);
        await replies.next(
          (event) =>
            event.type === "MESSAGESENT" &&
            event.data.initiator?.user?.userId === BOT_ID &&
            String(event.data.payload?.messageSent?.message?.message ?? "").includes(`echo: ${text}<`),
          30_000,
        );
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  for (const stream of streams) stream.close();
  await dev.close();
  return {
    kind: "round",
    messages: ims.length * MESSAGES,
    seconds,
    latencies,
    podCpuMicros: used.user + used.system,
  };
}

async function main(): Promise<void> {
  const send = (message: EchoPodReady | EchoRound) => process.send?.(message);
  const pod = await startTestPod({ datafeed: { longPollMs: 1_000, visibilityTimeoutMs: 30_000 } });
  const ims = await seedPeople(pod);
  process.on("message", async (command: EchoPodCommand) => {
    if (command.kind === "drive") send(await drive(pod, ims));
    else {
      await pod.close();
      process.disconnect();
    }
  });
  send({ kind: "ready", configPath: pod.configPath });
}

await main();
