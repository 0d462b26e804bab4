import { SymphonyError } from "../errors/symphony-error.ts";
import type { ValueSources } from "./env-overrides.ts";

/** The BDK's deprecated flat keys, still read by BDK-Java (with a deprecation log), and their homes. */
const DEPRECATED_KEYS: readonly (readonly [section: string, old: string, current: readonly string[]])[] = [
  ["bot", "privateKeyPath", ["privateKey", "path"]],
  ["bot", "certificatePath", ["certificate", "path"]],
  ["bot", "certificatePassword", ["certificate", "password"]],
  ["app", "privateKeyPath", ["privateKey", "path"]],
  ["ssl", "trustStorePath", ["trustStore", "path"]],
  ["ssl", "trustStorePassword", ["trustStore", "password"]],
];

/**
 * Moves deprecated keys (`bot.privateKeyPath`…) to their current place, so older BDK configs load
 * as they do in BDK-Java; errors about the value still name the key the file used. Both forms at
 * once are refused, as the BDK refuses them.
 */
export function renameDeprecatedKeys(
  raw: Record<string, unknown>,
  sources: ValueSources,
  origin: string,
): Record<string, unknown> {
  const result = structuredClone(raw);
  for (const [sectionName, old, current] of DEPRECATED_KEYS) {
    const section = result[sectionName];
    if (!isMapping(section) || !(old in section)) continue;
    const [group, leaf] = current as [string, string];
    const target = isMapping(section[group]) ? section[group] : {};
    if (target[leaf] !== undefined) {
      throw new SymphonyError(
        "CONFIG_INVALID_VALUE",
        `Config keys "${sectionName}.${old}" and "${sectionName}.${group}.${leaf}" in ${origin} say the same thing: keep only "${sectionName}.${group}.${leaf}" ("${old}" is the BDK's deprecated form).`,
      );
    }
    target[leaf] = section[old];
    delete section[old];
    section[group] = target;
    sources.set(`${sectionName}.${group}.${leaf}`, `${origin}, as "${sectionName}.${old}"`);
  }
  return result;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
