/**
 * Locates the upstream data that lives beside the repository in `../shared/`
 * (OpenAPI contract, real payload fixtures, MessageML examples).
 *
 * CI always has it. A user's own clone may not: tests that need it call
 * `describeShared`, which skips them with a visible message instead of failing.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** Absolute path of the shared folder, or undefined when it is absent. */
export const sharedDir: string | undefined = (() => {
  const candidate = process.env.SPRIG_SHARED_DIR ?? join(repoRoot, "..", "shared");
  return existsSync(join(candidate, "README.md")) ? resolve(candidate) : undefined;
})();

export const SHARED_MISSING_MESSAGE =
  "../shared is absent (upstream spec, fixtures and MessageML examples): conformance tests skipped. " +
  "Set SPRIG_SHARED_DIR or clone beside the shared folder to run them.";

/** Path of a file in the shared folder; throws if the folder is absent (guard with `sharedDir`). */
export function sharedPath(...parts: string[]): string {
  if (!sharedDir) throw new Error(SHARED_MISSING_MESSAGE);
  return join(sharedDir, ...parts);
}

export function readShared(...parts: string[]): string {
  return readFileSync(sharedPath(...parts), "utf8");
}

export function readSharedJson<T = unknown>(...parts: string[]): T {
  return JSON.parse(readShared(...parts)) as T;
}

let warned = false;
/** Call at the top of a conformance test file; returns true when the data is there. */
export function hasShared(): boolean {
  if (!sharedDir && !warned) {
    warned = true;
    console.warn(`\n[sprig] ${SHARED_MISSING_MESSAGE}\n`);
  }
  return sharedDir !== undefined;
}
