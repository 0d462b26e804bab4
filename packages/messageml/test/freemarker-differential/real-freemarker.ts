import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Debian's libfreemarker-java: the agent's engine (FreeMarker 2.3.31). */
const FREEMARKER_JAR = "/usr/share/java/freemarker.jar";
const HARNESS = fileURLToPath(new URL("./Harness.java", import.meta.url));

export interface TemplateCase {
  readonly template: string;
  readonly data: Record<string, unknown>;
}

/**
 * What the agent answers for one template: the expanded text, or its error message; `now` is the
 * JVM's clock (ms) when the case ran, for `.now`.
 */
export type AgentResult = (
  | { readonly output: string }
  | { readonly error: string }
  | { readonly crash: string }
) & { readonly now: number };

/** Why the real engine cannot run here, or undefined when it can. */
export function realFreemarkerMissing(): string | undefined {
  if (!existsSync(FREEMARKER_JAR)) return `${FREEMARKER_JAR} absent (Debian package libfreemarker-java)`;
  // The source launcher compiles Harness.java in memory: it needs the jdk.compiler module.
  const modules = spawnSync("java", ["--list-modules"], { encoding: "utf8" });
  if (modules.status !== 0) return "java absent (Debian package default-jre-headless)";
  if (!modules.stdout.includes("jdk.compiler"))
    return "java without jdk.compiler (Debian package default-jdk-headless)";
  return undefined;
}

/** Expands every case with the real engine in one JVM run (a JVM start costs seconds). */
export function expandWithRealFreemarker(cases: readonly TemplateCase[]): AgentResult[] {
  const run = spawnSync("java", ["-cp", FREEMARKER_JAR, HARNESS], {
    input: JSON.stringify(cases),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`FreeMarker harness failed (${run.status}): ${run.stderr}`);
  const results = JSON.parse(run.stdout) as AgentResult[];
  if (results.length !== cases.length) {
    throw new Error(`FreeMarker harness answered ${results.length} of ${cases.length} cases`);
  }
  return results;
}
