/**
 * Headline figures of each benchmark, gathered in `bench/results.json` so `npm run bench` can end
 * with one summary table (`print-summary.ts`). Each figure is a ratio to a baseline measured in
 * the same run, with the goal it is held to, when there is one.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const RESULTS_PATH = fileURLToPath(new URL("../../results.json", import.meta.url));

export interface Figure {
  /** What is compared, e.g. "bot CPU per message, 1 instance with Redis / without". */
  readonly name: string;
  readonly ratio: number;
  /** e.g. "≤ 1.15"; absent when the figure is for information. */
  readonly goal?: string;
  /** Whether the ratio meets the goal (absent without a goal). */
  readonly met?: boolean;
  /** The measured values behind the ratio, for a person to check. */
  readonly detail?: string;
}

export interface BenchResults {
  readonly when: string;
  readonly node: string;
  readonly benches: Record<
    string,
    { readonly figures: readonly Figure[]; readonly notes?: readonly string[] }
  >;
}

/** A figure held to "at most" or "at least" `limit`. */
export function goal(name: string, ratio: number, kind: "≤" | "≥", limit: number, detail?: string): Figure {
  return {
    name,
    ratio,
    goal: `${kind} ${limit}`,
    met: kind === "≤" ? ratio <= limit : ratio >= limit,
    ...(detail ? { detail } : {}),
  };
}

/** Replaces `bench`'s entry in results.json (other benches' entries stay). */
export function recordResults(
  bench: string,
  figures: readonly Figure[],
  notes: readonly string[] = [],
): void {
  const current: BenchResults = existsSync(RESULTS_PATH)
    ? (JSON.parse(readFileSync(RESULTS_PATH, "utf8")) as BenchResults)
    : { when: "", node: "", benches: {} };
  const next: BenchResults = {
    when: new Date().toISOString(),
    node: process.version,
    benches: { ...current.benches, [bench]: { figures, ...(notes.length ? { notes } : {}) } },
  };
  writeFileSync(RESULTS_PATH, `${JSON.stringify(next, null, 2)}\n`);
}
