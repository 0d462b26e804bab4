/**
 * The echo bot's memory as it handles messages: resident memory (and heap) after 100,000 handled
 * messages against after 10,000, in one bot process — the baseline is the same process earlier in
 * the same run. Growth must stay under 10 %: every cache and dedupe table the adapter keeps is
 * bounded. Measured after a full garbage collection (`--expose-gc`).
 *
 *   npx tsx bench/src/symphony-memory.ts   (TOTAL=100000, FIRST=10000, PEOPLE, MESSAGES per person a round)
 */
import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import type { EchoPodCommand, EchoPodReady, EchoRound } from "./support/echo-pod.ts";
import type { EchoBotAnswer, EchoBotCommand } from "./support/echo-protocol.ts";
import { goal, recordResults } from "./support/results.ts";

const TOTAL = Number(process.env.TOTAL ?? 100_000);
const FIRST = Number(process.env.FIRST ?? 10_000);
const PEOPLE = process.env.PEOPLE ?? "32";
const MESSAGES = process.env.MESSAGES ?? "50";

const env = { ...process.env, PEOPLE, MESSAGES };
const podChild = fork(new URL("./support/echo-pod.ts", import.meta.url), { stdio: "inherit", env });
const [ready] = (await once(podChild, "message")) as [EchoPodReady];
const botChild: ChildProcess = fork(
  new URL("./support/echo-bot.ts", import.meta.url),
  ["sprig", ready.configPath],
  {
    stdio: "inherit",
    execArgv: [...process.execArgv, "--expose-gc"],
  },
);
const ask = async (command: EchoBotCommand) => {
  const answer = once(botChild, "message");
  botChild.send(command);
  return ((await answer) as [EchoBotAnswer])[0];
};
const round = async () => {
  const answer = once(podChild, "message");
  podChild.send({ kind: "drive" } satisfies EchoPodCommand);
  return ((await answer) as [EchoRound])[0];
};
const memory = async () => (await ask({ kind: "memory" })) as Extract<EchoBotAnswer, { kind: "memory" }>;

await ask({ kind: "start" });
let handled = 0;
let atFirst: Extract<EchoBotAnswer, { kind: "memory" }> | undefined;
const started = Date.now();
while (handled < TOTAL) {
  handled += (await round()).messages;
  if (!atFirst && handled >= FIRST) {
    atFirst = await memory();
    console.log(
      `${handled} messages: RSS ${(atFirst.rssBytes / 2 ** 20).toFixed(1)} MB, heap ${(atFirst.heapUsedBytes / 2 ** 20).toFixed(1)} MB`,
    );
  }
}
const atEnd = await memory();
console.log(
  `${handled} messages: RSS ${(atEnd.rssBytes / 2 ** 20).toFixed(1)} MB, heap ${(atEnd.heapUsedBytes / 2 ** 20).toFixed(1)} MB (${((Date.now() - started) / 1000).toFixed(0)} s)`,
);
await ask({ kind: "stop" });
botChild.disconnect();
podChild.send({ kind: "close" } satisfies EchoPodCommand);
await once(podChild, "exit");

const figures = [
  goal(
    `bot RSS after ${handled} / after ${FIRST} handled messages`,
    atEnd.rssBytes / atFirst!.rssBytes,
    "≤",
    1.1,
    `${(atEnd.rssBytes / 2 ** 20).toFixed(1)} / ${(atFirst!.rssBytes / 2 ** 20).toFixed(1)} MB`,
  ),
  {
    name: `bot heap after ${handled} / after ${FIRST} handled messages`,
    ratio: atEnd.heapUsedBytes / atFirst!.heapUsedBytes,
    detail: `${(atEnd.heapUsedBytes / 2 ** 20).toFixed(1)} / ${(atFirst!.heapUsedBytes / 2 ** 20).toFixed(1)} MB`,
  },
];
for (const f of figures)
  console.log(
    `${f.name}: ${f.ratio.toFixed(3)}×${"goal" in f ? ` (goal ${f.goal}: ${f.met ? "met" : "MISSED"})` : ""}   [${f.detail}]`,
  );
recordResults("symphony-memory", figures);
