/** The one table `npm run bench` ends with: every recorded figure of `bench/results.json`. */
import { existsSync, readFileSync } from "node:fs";
import { type BenchResults, RESULTS_PATH } from "./results.ts";

if (!existsSync(RESULTS_PATH)) {
  console.log("no bench/results.json: no benchmark recorded figures");
  process.exit(0);
}
const results = JSON.parse(readFileSync(RESULTS_PATH, "utf8")) as BenchResults;
const rows = Object.entries(results.benches).flatMap(([bench, { figures }]) =>
  figures.map((f) => [
    bench,
    f.name,
    `${f.ratio.toFixed(2)}×`,
    f.goal ?? "",
    f.met === undefined ? "" : f.met ? "met" : "MISSED",
  ]),
);
const header = ["bench", "figure (ratio to a baseline of the same run)", "ratio", "goal", ""];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: readonly string[]) =>
  cells
    .map((c, i) => c.padEnd(widths[i]!))
    .join("  ")
    .trimEnd();
console.log(`summary (${results.when}, Node ${results.node}; written to bench/results.json)`);
console.log(line(header));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const row of rows) console.log(line(row));
for (const [bench, { notes }] of Object.entries(results.benches))
  for (const note of notes ?? []) console.log(`note (${bench}): ${note}`);
