/**
 * MessageML translation speed: translations/s of the upstream `examples/complex.xml` (FreeMarker +
 * entity JSON + a card + a mention), against a bare strict XML parse (saxes) of the same input in
 * the same run; then a size sweep showing time grows linearly with input size.
 *
 *   npx tsx bench/src/messageml-translate.ts
 */

import { cpus, loadavg } from "node:os";
import { expandFreemarker, translateMessageML, type UserLookup } from "@sprig/messageml";
import { readShared, readSharedJson } from "@sprig/shared-data";
import { SaxesParser } from "saxes";

const users: UserLookup = (q) =>
  q.email === "test@symphony.com" || q.uid === "123456"
    ? { id: "123456", displayName: "Mock user" }
    : undefined;

interface Rate {
  /** Operations per wall-clock second. */
  wall: number;
  /** Operations per second of this process's CPU time (steadier on a shared, loaded machine). */
  cpu: number;
}

/** Runs `fn` repeatedly for about `ms` milliseconds (after a warm-up). */
function rate(fn: () => void, ms = 1500): Rate {
  const warmUntil = performance.now() + 300;
  while (performance.now() < warmUntil) fn();
  let ops = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 20; i++) fn();
    ops += 20;
    now = performance.now();
  }
  const cpu = process.cpuUsage(cpu0);
  return { wall: (ops * 1000) / (now - start), cpu: (ops * 1e6) / (cpu.user + cpu.system) };
}

function saxesParse(xml: string): void {
  const parser = new SaxesParser();
  let elements = 0;
  parser.on("opentag", () => {
    elements++;
  });
  parser.write(xml).close();
  if (elements === 0) throw new Error("no elements");
}

function fmt(r: Rate): string {
  const n = (x: number) => Math.round(x).toLocaleString("en-US").padStart(7);
  return `${n(r.wall)} /s wall  ${n(r.cpu)} /s CPU`;
}

const complex = readShared("messageml-examples", "examples", "complex.xml");
const complexData = readSharedJson<Record<string, unknown>>("messageml-examples", "examples", "complex.json");
const shortId = () => "bench";
const translateComplex = () => translateMessageML(complex, { data: complexData, userLookup: users, shortId });
const expanded = translateComplex();

console.log("MessageML → PresentationML translation (one core, single process)");
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} on ${cpus().length} cores\n`,
);
// complex.xml holds FreeMarker (`<#if>`), so the bare parse runs on its expansion.
const expandedXml = expandFreemarker(complex, complexData);
const translate = rate(translateComplex);
const bare = rate(() => saxesParse(expandedXml));
const templateAndBare = rate(() => saxesParse(expandFreemarker(complex, complexData)));
console.log(`complex.xml (${complex.length} chars, FreeMarker + entity JSON + card + mention)`);
console.log(`  translateMessageML                        ${fmt(translate)}   (goal ≥ 5,000)`);
console.log(`  baseline: bare saxes parse of expansion   ${fmt(bare)}`);
console.log(`  baseline: expandFreemarker + saxes parse  ${fmt(templateAndBare)}`);
console.log(`  ratio translate / bare parse (CPU)        ${(translate.cpu / bare.cpu).toFixed(3)}`);
console.log(
  `  ratio translate / (template + parse, CPU) ${(translate.cpu / templateAndBare.cpu).toFixed(3)}`,
);

const noTemplate = expanded.presentationML;
const pmlTranslate = rate(() =>
  translateMessageML(noTemplate, { data: expanded.entityJSON, userLookup: users, shortId }),
);
const pmlBare = rate(() => saxesParse(noTemplate));
console.log(`\nits PresentationML (${noTemplate.length} chars, no FreeMarker)`);
console.log(`  translateMessageML                        ${fmt(pmlTranslate)}`);
console.log(`  baseline: bare saxes parse                ${fmt(pmlBare)}`);
console.log(`  ratio translate / bare parse (CPU)        ${(pmlTranslate.cpu / pmlBare.cpu).toFixed(3)}`);

console.log("\nsize sweep (linear time ⇔ constant CPU ns per byte)");
console.log("  size        translate ns/B   saxes ns/B   ratio");
const unit =
  '<p>Hello <b>world</b> &amp; friends, see <a href="https://example.org/x">this</a> <hash tag="news"/></p>' +
  '<table><tr><td colspan="2">cell</td><td>cell</td></tr></table><ul><li>one</li><li>two</li></ul>';
const sweep: { kb: number; translate: number; saxes: number }[] = [];
for (const kb of [16, 64, 256, 1024, 2048]) {
  const body = unit.repeat(Math.max(1, Math.floor((kb * 1024) / unit.length)));
  const message = `<messageML>${body}</messageML>`;
  const budget = Math.min(1500, 200 + kb);
  const t = rate(() => translateMessageML(message), budget);
  const s = rate(() => saxesParse(message), budget);
  const perByte = (r: Rate) => 1e9 / r.cpu / message.length;
  sweep.push({ kb, translate: perByte(t), saxes: perByte(s) });
  console.log(
    `  ${`${kb} KB`.padEnd(10)}  ${perByte(t).toFixed(1).padStart(14)}   ${perByte(s).toFixed(1).padStart(10)}   ${(s.cpu / t.cpu).toFixed(2).padStart(5)}`,
  );
}
/** Max ÷ min CPU ns per byte over the sweep: 1.00 is perfectly linear time. */
const spread = (values: number[]) => Math.max(...values) / Math.min(...values);
const translateSpread = spread(sweep.map((r) => r.translate));
const saxesSpread = spread(sweep.map((r) => r.saxes));
console.log(
  `  verdict: translate ns/B max ÷ min = ${translateSpread.toFixed(2)} over 16 KB → 2 MB (goal ≤ 1.5: ${translateSpread <= 1.5 ? "met" : "NOT met"}); baseline saxes ${saxesSpread.toFixed(2)}`,
);
