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

  optionalChoice<T extends string>(keyPath: string, choices: readonly T[]): T | undefined {
    const value = this.optionalString(keyPath);
    if (value === undefined) return undefined;
    if (!(choices as readonly string[]).includes(value))
      throw this.invalid(keyPath, `one of ${choices.join(", ")}`);
    return value as T;
  }

  /** Where a key's value came from, for messages: the file, or the environment variable. */
  describe(keyPath: string): string {
    return `"${keyPath}" (${this.sources.get(keyPath) ?? this.origin})`;
  }

  missing(keyPath: string, hint: string): SymphonyError {
    return new SymphonyError(
      "CONFIG_MISSING_KEY",
      `Missing config key "${keyPath}" in ${this.origin}: ${hint}`,
    );
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

function showValue(value: unknown, keyPath: string): string {
  if (SECRET_KEY.test(keyPath)) return "a value that is not shown (secret)";
  if (typeof value === "string") return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object" && value !== null) return "a section";
  return String(value);
}
