import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parse, YAMLParseError } from "yaml";
import { SymphonyError } from "../errors/symphony-error.ts";
import type { SymphonyConfig } from "./config-types.ts";
import { resolveConfig } from "./resolve-config.ts";

export interface LoadConfigOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Reads a BDK-style YAML config file. Relative paths inside it (keys, trust store) are resolved
 * against the file's folder, so a config works wherever the bot is started from.
 */
export async function loadConfig(path: string, options: LoadConfigOptions = {}): Promise<SymphonyConfig> {
  const absolute = resolve(path);
  let text: string;
  try {
    text = await readFile(absolute, "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new SymphonyError(
      "CONFIG_UNREADABLE",
      `Cannot read the Symphony config file ${absolute} (${typeof code === "string" ? code : "unreadable"}).`,
      { cause: error },
    );
  }
  return parseConfig(text, { ...options, origin: absolute, baseDir: dirname(absolute) });
}

/** Parses YAML text and resolves it as `loadConfig` does. */
export async function parseConfig(
  yamlText: string,
  options: LoadConfigOptions & { origin?: string; baseDir?: string } = {},
): Promise<SymphonyConfig> {
  const origin = options.origin ?? "the YAML configuration";
  let raw: unknown;
  try {
    raw = parse(yamlText);
  } catch (error) {
    // The parser's own message quotes the offending line, which may hold a key or a password: keep
    // to its code and position.
    const detail =
      error instanceof YAMLParseError
        ? ` (${error.code}${error.linePos ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}` : ""})`
        : "";
    throw new SymphonyError("CONFIG_SYNTAX", `${origin} is not valid YAML${detail}.`);
  }
  return resolveConfig(raw, { ...options, origin });
}
