/**
 * Environment overrides: one variable per configuration key, so secrets and per-deployment hosts can
 * stay out of the YAML file. The name is `SPRIG_SYMPHONY_` + the key path in upper snake case:
 * `bot.privateKey.path` → `SPRIG_SYMPHONY_BOT_PRIVATE_KEY_PATH`. An empty variable counts as unset.
 */

/** Every key that can be set from the environment (the full list is printed by `CONFIG_ENV_VARIABLES`). */
const OVERRIDABLE_KEYS: readonly string[] = [
  "scheme",
  "host",
  "port",
  "context",
  "connectionTimeout",
  "readTimeout",
  ...["pod", "agent", "keyManager", "sessionAuth"].flatMap((service) =>
    ["scheme", "host", "port", "context", "connectionTimeout", "readTimeout"].map(
      (leaf) => `${service}.${leaf}`,
    ),
  ),
  "bot.username",
  "bot.privateKey.path",
  "bot.privateKey.content",
  "bot.certificate.path",
  "bot.certificate.content",
  "bot.certificate.password",
  "ssl.trustStore.path",
  "datafeed.version",
  "datafeed.tag",
  ...["maxAttempts", "initialIntervalMillis", "multiplier", "maxIntervalMillis"].flatMap((leaf) => [
    `retry.${leaf}`,
    `datafeed.retry.${leaf}`,
  ]),
  "proxy.host",
  "proxy.port",
  "proxy.username",
  "proxy.password",
  "redis.url",
  "redis.username",
  "redis.password",
  "redis.tls.caPath",
  "redis.prefix",
];

export function envVariableFor(keyPath: string): string {
  const snake = keyPath
    .split(".")
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase())
    .join("_");
  return `SPRIG_SYMPHONY_${snake}`;
}

/** Key path → environment variable, for documentation and error messages. */
export const CONFIG_ENV_VARIABLES: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(OVERRIDABLE_KEYS.map((key) => [key, envVariableFor(key)])),
);

/** Where each overridden value came from, so an error can name the variable instead of the YAML key. */
export type ValueSources = Map<string, string>;

/** Returns a deep copy of `raw` with the environment's values written over it. */
export function applyEnvOverrides(
  raw: Record<string, unknown>,
  env: Readonly<Record<string, string | undefined>>,
  sources: ValueSources,
): Record<string, unknown> {
  const result = structuredClone(raw);
  for (const [keyPath, variable] of Object.entries(CONFIG_ENV_VARIABLES)) {
    const value = env[variable];
    if (value === undefined || value === "") continue;
    setPath(result, keyPath.split("."), value);
    sources.set(keyPath, `environment variable ${variable}`);
  }
  return result;
}

function setPath(target: Record<string, unknown>, parts: string[], value: string): void {
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== "object" || next === null || Array.isArray(next)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}
