/**
 * Keys of a config that nothing reads: misspelt or unknown ones (`bot.privatekey`, `retries`), and
 * BDK keys sprig has no use for (`app.certificate`, `connectionPoolMax`, `agent.loadBalancing`…). The BDK ignores
 * both silently; the adapter lists them once as a warning, so a typo is seen.
 */
export interface UnusedKeys {
  /** Keys neither sprig nor the BDK knows: typos, most likely. */
  readonly unknown: readonly string[];
  /** BDK keys sprig does not use (app certificates, connection pools, load balancing, datahose…). */
  readonly bdkOnly: readonly string[];
}

type Known = "used" | "bdk" | { readonly [key: string]: Known };

const RETRY: Known = {
  maxAttempts: "used",
  initialIntervalMillis: "used",
  multiplier: "used",
  maxIntervalMillis: "used",
};
const PROXY: Known = { host: "used", port: "used", username: "used", password: "used" };
const CERTIFICATE: Known = { path: "used", content: "used", password: "used" };
const SERVER = {
  scheme: "used",
  host: "used",
  port: "used",
  context: "used",
  proxy: PROXY,
  connectionTimeout: "used",
  readTimeout: "used",
  connectionPoolMax: "bdk",
  connectionPoolPerRoute: "bdk",
  defaultHeaders: "bdk",
} as const;

const KNOWN: Known = {
  _version: "bdk",
  ...SERVER,
  pod: SERVER,
  agent: { ...SERVER, loadBalancing: "bdk" },
  keyManager: SERVER,
  sessionAuth: SERVER,
  bot: {
    username: "used",
    privateKey: { path: "used", content: "used" },
    certificate: CERTIFICATE,
  },
  ssl: { trustStore: CERTIFICATE },
  datafeed: {
    version: "used",
    tag: "used",
    lostReadWaitMs: "used",
    retry: RETRY,
    idFilePath: "bdk",
    includeInvisible: "bdk",
  },
  retry: RETRY,
  app: { appId: "used", privateKey: { path: "used", content: "used" }, certificate: "bdk" },
  redis: { url: "used", username: "used", password: "used", prefix: "used", tls: { caPath: "used" } },
  datahose: "bdk",
  commonJwt: "bdk",
  extensions: "bdk",
};

/** The unused keys of a raw config tree (deprecated keys already moved to their current place). */
export function findUnusedKeys(raw: Record<string, unknown>): UnusedKeys | undefined {
  const unknown: string[] = [];
  const bdkOnly: string[] = [];
  const visit = (node: Record<string, unknown>, known: { readonly [key: string]: Known }, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      const path = `${prefix}${key}`;
      const spec = known[key];
      if (spec === undefined) unknown.push(path);
      else if (spec === "bdk") bdkOnly.push(path);
      else if (spec !== "used" && typeof value === "object" && value !== null && !Array.isArray(value))
        visit(value as Record<string, unknown>, spec, `${path}.`);
    }
  };
  visit(raw, KNOWN as { readonly [key: string]: Known }, "");
  return unknown.length === 0 && bdkOnly.length === 0 ? undefined : { unknown, bdkOnly };
}
