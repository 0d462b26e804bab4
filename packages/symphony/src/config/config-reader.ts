import { SymphonyError } from "../errors/symphony-error.ts";
import type { ValueSources } from "./env-overrides.ts";

/**
 * Typed reads of a raw (parsed YAML + environment) config tree. Every failure names the key, where
 * its value came from, what was found and what is expected.
 */
export class ConfigReader {
  constructor(
    private readonly raw: Record<string, unknown>,
    private readonly sources: ValueSources,
    private readonly origin: string,
  ) {}

  has(keyPath: string): boolean {
    const value = this.value(keyPath);
    return value !== undefined && value !== null && value !== "";
  }

  value(keyPath: string): unknown {
    let node: unknown = this.raw;
    for (const part of keyPath.split(".")) {
      if (typeof node !== "object" || node === null || Array.isArray(node)) return undefined;
      node = (node as Record<string, unknown>)[part];
    }
    return node;
  }

  optionalString(keyPath: string): string | undefined {
    if (!this.has(keyPath)) return undefined;
    const value = this.value(keyPath);
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    if (typeof value !== "string") throw this.invalid(keyPath, "a text value");
    return value;
  }

  requiredString(keyPath: string, hint: string): string {
    const value = this.optionalString(keyPath);
    if (value === undefined) throw this.missing(keyPath, hint);
    return value;
  }

  optionalNumber(keyPath: string, check: (n: number) => boolean, expected: string): number | undefined {
    if (!this.has(keyPath)) return undefined;
    const value = this.value(keyPath);
    const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    if (typeof n !== "number" || !Number.isFinite(n) || !check(n)) throw this.invalid(keyPath, expected);
    return n;
  }

  /** One of `choices`, whatever its case (`HTTPS`, `V2`: the BDK compares them ignoring case). */
  optionalChoice<T extends string>(keyPath: string, choices: readonly T[]): T | undefined {
    const value = this.optionalString(keyPath);
    if (value === undefined) return undefined;
    const choice = choices.find((candidate) => candidate.toLowerCase() === value.trim().toLowerCase());
    if (choice === undefined) throw this.invalid(keyPath, `one of ${choices.join(", ")}`);
    return choice;
  }

  /** Where a key's value came from, for messages: the file, or the environment variable. */
  describe(keyPath: string): string {
    return `"${keyPath}" (${this.source(keyPath)})`;
  }

  /** Where a key's value came from: the file, or the environment variable that set it. */
  source(keyPath: string): string {
    return this.sources.get(keyPath) ?? this.origin;
  }

  missing(keyPath: string, hint: string): SymphonyError {
    const near = this.nearKey(keyPath);
    const typo = near ? ` The file has "${near}": keys are spelled exactly as shown, case included.` : "";
    return new SymphonyError(
      "CONFIG_MISSING_KEY",
      `Missing config key "${keyPath}" in ${this.origin}: ${hint}${typo}`,
    );
  }

  /**
   * A key beside the missing one that looks like a misspelling of it (`bot.privatekey` for
   * `bot.privateKey`): the BDK ignores unknown keys, so a typo otherwise reads as "missing".
   */
  private nearKey(keyPath: string): string | undefined {
    const parts = keyPath.split(".");
    const wanted = parts.pop() ?? "";
    const parentPath = parts.join(".");
    const parent = parentPath === "" ? this.raw : this.value(parentPath);
    if (typeof parent !== "object" || parent === null || Array.isArray(parent)) return undefined;
    const found = Object.keys(parent).find((key) => key !== wanted && looksLike(key, wanted));
    return found === undefined ? undefined : parentPath === "" ? found : `${parentPath}.${found}`;
  }

  invalid(keyPath: string, expected: string, found?: string): SymphonyError {
    const shown = found ?? showValue(this.value(keyPath), keyPath);
    return new SymphonyError(
      "CONFIG_INVALID_VALUE",
      `Invalid config key ${this.describe(keyPath)}: expected ${expected}, found ${shown}.`,
    );
  }
}

const SECRET_KEY = /password|content/i;

/** Same letters up to case, dashes and underscores, or at most two edits apart (for longer keys). */
function looksLike(key: string, wanted: string): boolean {
  const plain = (text: string) => text.toLowerCase().replace(/[-_]/g, "");
  if (plain(key) === plain(wanted)) return true;
  return wanted.length >= 5 && editDistance(key.toLowerCase(), wanted.toLowerCase()) <= 2;
}

/** Levenshtein distance, for the few short keys of one config section. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, (previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function showValue(value: unknown, keyPath: string): string {
  if (SECRET_KEY.test(keyPath)) return "a value that is not shown (secret)";
  if (typeof value === "string") return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object" && value !== null) return "a section";
  return String(value);
}
