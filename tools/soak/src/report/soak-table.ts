/** The soak's result as the table a person reads at the end of `npm run soak`. */
import type { SoakResult } from "../soak.ts";

function table(rows: ReadonlyArray<readonly [string, string | number]>): string {
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`).join("\n");
}

export function soakTable(result: SoakResult): string {
  const { tally: t, options: o } = result;
  const mark = (ok: boolean) => (ok ? "ok" : "FAILED");
  const chaos = Object.entries(result.chaos)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, n]) => [`  ${name}`, n] as const);
  const hostile = result.hostile.map(
    (h) => [`  ${h.name}`, `${mark(h.passed)}: ${h.answer.slice(0, 90)}`] as const,
  );
  const rows: Array<readonly [string, string | number]> = [
    ["seed", o.seed],
    ["people / instances", `${o.people} / ${o.instances} (one feed, Redis)`],
    ["messages sent", t.messages],
    ["bot answers", t.answers],
    ["lost", t.lost],
    ["doubled", t.doubled],
    ["out of order", t.outOfOrder],
    ["wrong state (todo item numbers)", t.wrongState],
    ["answers to nothing said", t.unexpected],
    ["instances SIGKILLed (mid-batch)", `${result.kills.total} (${result.kills.midBatch})`],
    ["Redis restarts", result.redisRestarts],
    ["feed deletions", result.feedDeletions],
    ["injected trouble", Object.values(result.chaos).reduce((a, b) => a + b, 0)],
    ...chaos,
    ["crashes", result.crashes],
    [
      "hostile inputs refused clearly",
      `${result.hostile.filter((h) => h.passed).length} of ${result.hostile.length}`,
    ],
    ...hostile,
    ["log lines scanned / with a secret", `${result.logLines} / ${result.secretsInLogs}`],
    ["clean SIGTERM stop of every instance", mark(result.cleanStops)],
    [
      "seconds (load / drain / total)",
      `${result.seconds.load} / ${result.seconds.drain} / ${result.seconds.total}`,
    ],
    ["result", result.passed ? "PASSED" : "FAILED"],
  ];
  const problems = t.problems.length
    ? `\n\nfirst problems:\n${t.problems.map((p) => `  ${p}`).join("\n")}`
    : "";
  const crashes = result.crashDetails.length ? `\n\ncrashes:\n${result.crashDetails.join("\n\n")}` : "";
  const unclean = result.uncleanStops.length
    ? `\n\nnot stopped cleanly:\n${result.uncleanStops.join("\n\n")}`
    : "";
  return `${table(rows)}${problems}${crashes}${unclean}`;
}
