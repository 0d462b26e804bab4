import { createPrivateKey } from "node:crypto";
import { readFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { SymphonyError } from "../errors/symphony-error.ts";
import { ConfigReader } from "./config-reader.ts";
import {
  type AppConfig,
  type CertificateBotAuth,
  DEFAULT_DATAFEED_RETRY,
  DEFAULT_RETRY,
  type ProxyConfig,
  type RedisSettings,
  type RetryConfig,
  type RsaBotAuth,
  SERVICE_NAMES,
  type ServiceConfig,
  type ServiceName,
  type SymphonyConfig,
} from "./config-types.ts";
import { renameDeprecatedKeys } from "./deprecated-keys.ts";
import { applyEnvOverrides, type ValueSources } from "./env-overrides.ts";
import { substituteVariables } from "./env-substitution.ts";
import { readHost } from "./host-name.ts";
import { readTrustStore } from "./trust-store.ts";
import { findUnusedKeys } from "./unused-keys.ts";

export interface ResolveConfigOptions {
  /** Environment to read overrides from; defaults to `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Relative key and trust store paths are resolved against this folder (the config file's). */
  readonly baseDir?: string;
  /** How to name where the values came from in errors, e.g. the config file path. */
  readonly origin?: string;
}

/** Validates a raw config tree (parsed YAML), applies environment overrides and reads key files. */
export async function resolveConfig(
  raw: unknown,
  options: ResolveConfigOptions = {},
): Promise<SymphonyConfig> {
  const origin = options.origin ?? "the configuration";
  if (raw !== undefined && raw !== null && (typeof raw !== "object" || Array.isArray(raw))) {
    throw new SymphonyError("CONFIG_SYNTAX", `${origin} must be a YAML mapping of keys (host, bot, …).`);
  }
  const sources: ValueSources = new Map();
  const env = options.env ?? process.env;
  const substituted = substituteVariables((raw ?? {}) as Record<string, unknown>, env, origin);
  const renamed = renameDeprecatedKeys(substituted, sources, origin);
  const unusedKeys = findUnusedKeys(renamed);
  const merged = applyEnvOverrides(renamed, env, sources);
  const reader = new ConfigReader(merged, sources, origin);
  const baseDir = options.baseDir ?? process.cwd();

  const services = readServices(reader);
  const username = reader.requiredString("bot.username", "the bot's service account username.");
  const auth = await readBotAuth(reader, baseDir);
  const app = await readApp(reader, baseDir);
  const trustedCertificates = await readTrustStore(reader, (path) => resolvePath(baseDir, path));
  const retry = readRetry(reader, "retry", DEFAULT_RETRY);
  const tag = reader.optionalString("datafeed.tag");
  const lostReadWaitMs = reader.optionalNumber(
    "datafeed.lostReadWaitMs",
    (n) => Number.isInteger(n) && n >= 0,
    "a whole number of milliseconds ≥ 0 (the pod's visibility timeout, about 30000)",
  );
  const redis = await readRedis(reader, env, baseDir);
  return {
    services,
    bot: { username, auth },
    ...(app === undefined ? {} : { app }),
    ...(trustedCertificates === undefined ? {} : { trustedCertificates }),
    datafeed: {
      version: reader.optionalChoice("datafeed.version", ["v1", "v2"] as const) ?? "v2",
      ...(tag === undefined ? {} : { tag }),
      ...(lostReadWaitMs === undefined ? {} : { lostReadWaitMs }),
      retry: readRetry(reader, "datafeed.retry", {
        ...retry,
        maxAttempts: DEFAULT_DATAFEED_RETRY.maxAttempts,
      }),
    },
    retry,
    ...(redis === undefined ? {} : { redis }),
    ...(unusedKeys === undefined ? {} : { unusedKeys }),
  };
}

/** `redis:` (or `SPRIG_REDIS_URL` alone): present only with a url. */
async function readRedis(
  reader: ConfigReader,
  env: Readonly<Record<string, string | undefined>>,
  baseDir: string,
): Promise<RedisSettings | undefined> {
  const inConfig = reader.optionalString("redis.url") || undefined;
  const url = inConfig ?? (env.SPRIG_REDIS_URL || undefined);
  if (url === undefined) {
    if (reader.has("redis"))
      throw reader.missing("redis.url", 'the Redis to share, e.g. "redis://127.0.0.1:6379".');
    return undefined;
  }
  if (!/^rediss?:\/\/[^/]/.test(url)) {
    const expected = "a redis:// or rediss:// (TLS) url";
    const found =
      "a value that does not start with redis:// or rediss:// (not shown: it may hold a password)";
    if (inConfig !== undefined) throw reader.invalid("redis.url", expected, found);
    // From SPRIG_REDIS_URL: name the variable, not the config file (which has no redis.url).
    throw new SymphonyError(
      "CONFIG_INVALID_VALUE",
      `Invalid SPRIG_REDIS_URL (the config's redis.url): expected ${expected}, found ${found}.`,
    );
  }
  const caPath = reader.optionalString("redis.tls.caPath");
  let ca: string | undefined;
  if (caPath !== undefined) {
    try {
      ca = await readFile(resolvePath(baseDir, caPath), "utf8");
    } catch (error) {
      throw new SymphonyError(
        "CONFIG_UNREADABLE",
        `redis.tls.caPath "${caPath}" (${reader.source("redis.tls.caPath")}) cannot be read: ${(error as Error).message}. Give the path of the PEM file of the CA that signed Redis's certificate.`,
      );
    }
  }
  const username = reader.optionalString("redis.username");
  const password = reader.optionalString("redis.password");
  const prefix = reader.optionalString("redis.prefix");
  return {
    url,
    ...(username === undefined ? {} : { username }),
    ...(password === undefined ? {} : { password }),
    ...(ca === undefined ? {} : { tls: { ca } }),
    ...(prefix === undefined ? {} : { prefix }),
  };
}

function readServices(reader: ConfigReader): Record<ServiceName, ServiceConfig> {
  const global = {
    scheme: reader.optionalChoice("scheme", ["http", "https"] as const),
    host: readHost(reader, ""),
    port: readPort(reader, "port"),
    context: readContext(reader, "context"),
    proxy: readProxy(reader, "proxy"),
    connectionTimeoutMillis: readTimeout(reader, "connectionTimeout"),
    readTimeoutMillis: readTimeout(reader, "readTimeout"),
  };
  // sessionAuth serves certificate authentication only: a BDK config for an RSA bot may leave it
  // without a host (BDK-Java never calls it then), so it takes the pod's, unused.
  const sessionAuthUnused = !reader.has("bot.certificate");
  const hosts: Partial<Record<ServiceName, string>> = {};
  const entries = SERVICE_NAMES.map((name): [ServiceName, ServiceConfig] => {
    const host =
      readHost(reader, name) ??
      global.host ??
      (name === "sessionAuth" && sessionAuthUnused ? hosts.pod : undefined);
    hosts[name] = host;
    if (host === undefined) {
      throw reader.missing(
        "host",
        `the pod's host name, e.g. "acme.symphony.com" (or "${name}.host" for that service alone).`,
      );
    }
    const scheme =
      reader.optionalChoice(`${name}.scheme`, ["http", "https"] as const) ?? global.scheme ?? "https";
    const proxy = readProxy(reader, `${name}.proxy`) ?? global.proxy;
    const connectionTimeoutMillis =
      readTimeout(reader, `${name}.connectionTimeout`) ?? global.connectionTimeoutMillis;
    const readTimeoutMillis = readTimeout(reader, `${name}.readTimeout`) ?? global.readTimeoutMillis;
    return [
      name,
      {
        scheme,
        host,
        port: readPort(reader, `${name}.port`) ?? global.port ?? (scheme === "https" ? 443 : 80),
        context: readContext(reader, `${name}.context`) ?? global.context ?? "",
        ...(proxy === undefined ? {} : { proxy }),
        ...(connectionTimeoutMillis === undefined ? {} : { connectionTimeoutMillis }),
        ...(readTimeoutMillis === undefined ? {} : { readTimeoutMillis }),
      },
    ];
  });
  return Object.fromEntries(entries) as Record<ServiceName, ServiceConfig>;
}

function readPort(reader: ConfigReader, keyPath: string): number | undefined {
  return reader.optionalNumber(
    keyPath,
    (n) => Number.isInteger(n) && n > 0 && n < 65536,
    "a port number 1–65535",
  );
}

function readTimeout(reader: ConfigReader, keyPath: string): number | undefined {
  return reader.optionalNumber(keyPath, (n) => Number.isInteger(n) && n > 0, "a whole number of ms > 0");
}

function readContext(reader: ConfigReader, keyPath: string): string | undefined {
  // An explicit empty context is a setting ("no prefix for this service"), not an absent one.
  if (reader.value(keyPath) === "") return "";
  const value = reader.optionalString(keyPath);
  if (value === undefined) return undefined;
  const trimmed = value.replace(/^\/+|\/+$/g, "");
  if (/[\s?#]/.test(trimmed)) throw reader.invalid(keyPath, 'a path prefix such as "/symphony"');
  return trimmed === "" ? "" : `/${trimmed}`;
}

function readProxy(reader: ConfigReader, keyPath: string): ProxyConfig | undefined {
  if (!reader.has(keyPath)) return undefined;
  const host = readHost(reader, keyPath);
  if (host === undefined) throw reader.missing(`${keyPath}.host`, "the proxy's host name.");
  const port = readPort(reader, `${keyPath}.port`);
  if (port === undefined) throw reader.missing(`${keyPath}.port`, "the proxy's port.");
  const username = reader.optionalString(`${keyPath}.username`);
  const password = reader.optionalString(`${keyPath}.password`);
  if (password !== undefined && username === undefined) {
    throw reader.missing(
      `${keyPath}.username`,
      `"${keyPath}.password" is set, so the proxy needs a username too.`,
    );
  }
  return {
    host,
    port,
    ...(username === undefined ? {} : { username }),
    ...(password === undefined ? {} : { password }),
  };
}

function readRetry(reader: ConfigReader, keyPath: string, defaults: RetryConfig): RetryConfig {
  const positive = (n: number) => n > 0;
  const maxAttempts = reader.optionalNumber(
    `${keyPath}.maxAttempts`,
    (n) => Number.isInteger(n) && (n >= 1 || n === -1),
    "a whole number ≥ 1, or -1 for no limit",
  );
  const initial = reader.optionalNumber(`${keyPath}.initialIntervalMillis`, positive, "a number of ms > 0");
  const multiplier = reader.optionalNumber(`${keyPath}.multiplier`, (n) => n >= 1, "a number ≥ 1");
  const max = reader.optionalNumber(`${keyPath}.maxIntervalMillis`, positive, "a number of ms > 0");
  const retry = {
    maxAttempts: maxAttempts ?? defaults.maxAttempts,
    initialIntervalMillis: initial ?? defaults.initialIntervalMillis,
    multiplier: multiplier ?? defaults.multiplier,
    maxIntervalMillis: max ?? defaults.maxIntervalMillis,
  };
  if (retry.maxIntervalMillis < retry.initialIntervalMillis) {
    throw reader.invalid(
      `${keyPath}.maxIntervalMillis`,
      `a number ≥ ${keyPath}.initialIntervalMillis (${retry.initialIntervalMillis})`,
    );
  }
  return retry;
}

async function readBotAuth(reader: ConfigReader, baseDir: string): Promise<RsaBotAuth | CertificateBotAuth> {
  const hasKey = reader.has("bot.privateKey");
  const hasCertificate = reader.has("bot.certificate");
  if (hasKey && hasCertificate) {
    throw reader.invalid(
      "bot.certificate",
      'either "bot.privateKey" (RSA authentication) or "bot.certificate" (certificate authentication), not both',
      "both",
    );
  }
  if (hasCertificate) return readCertificate(reader, baseDir);
  if (!hasKey) {
    throw reader.missing(
      "bot.privateKey",
      'set "bot.privateKey.path" (or ".content") to the bot\'s RSA private key, or "bot.certificate.path" for certificate authentication.',
    );
  }
  return { kind: "rsa", privateKeyPem: await readRsaKey(reader, "bot.privateKey", baseDir, "the bot's") };
}

/** The BDK's `app` section (OBO): `appId` and the app's RSA key. */
async function readApp(reader: ConfigReader, baseDir: string): Promise<AppConfig | undefined> {
  if (!reader.has("app.appId") && !reader.has("app.privateKey")) return undefined;
  const appId = reader.requiredString("app.appId", "the extension app's id, as registered on the pod.");
  if (!reader.has("app.privateKey")) {
    throw reader.missing(
      "app.privateKey",
      'set "app.privateKey.path" (or ".content") to the extension app\'s RSA private key.',
    );
  }
  return { appId, privateKeyPem: await readRsaKey(reader, "app.privateKey", baseDir, "the app's") };
}

async function readRsaKey(reader: ConfigReader, keyPath: string, baseDir: string, whose: string) {
  const privateKeyPem = await readPemOrContent(reader, keyPath, baseDir, `${whose} RSA private key (PEM)`);
  try {
    const key = createPrivateKey(privateKeyPem);
    if (key.asymmetricKeyType !== "rsa") throw new Error(`a ${key.asymmetricKeyType} key`);
  } catch {
    throw reader.invalid(
      keyPath,
      "an unencrypted RSA private key in PEM (PKCS#1 or PKCS#8)",
      "something else",
    );
  }
  return privateKeyPem;
}

async function readCertificate(reader: ConfigReader, baseDir: string): Promise<CertificateBotAuth> {
  const password = reader.optionalString("bot.certificate.password");
  const content = reader.optionalString("bot.certificate.content");
  const certificate =
    content !== undefined
      ? new TextEncoder().encode(content)
      : await readKeyFile(reader, "bot.certificate.path", baseDir, "the bot's certificate (.p12 or .pem)");
  const format = isPem(certificate) ? "pem" : "pkcs12";
  return { kind: "certificate", format, certificate, ...(password === undefined ? {} : { password }) };
}

async function readPemOrContent(
  reader: ConfigReader,
  keyPath: string,
  baseDir: string,
  what: string,
): Promise<string> {
  const content = reader.optionalString(`${keyPath}.content`);
  if (content !== undefined) return content;
  const bytes = await readKeyFile(reader, `${keyPath}.path`, baseDir, what);
  return new TextDecoder().decode(bytes);
}

async function readKeyFile(reader: ConfigReader, keyPath: string, baseDir: string, what: string) {
  const path = reader.requiredString(keyPath, `the path of ${what}.`);
  const absolute = resolvePath(baseDir, path);
  try {
    return new Uint8Array(await readFile(absolute));
  } catch (error) {
    throw reader.invalid(keyPath, `a readable file holding ${what}`, `${absolute} (${errorReason(error)})`);
  }
}

function isPem(bytes: Uint8Array): boolean {
  return new TextDecoder().decode(bytes.subarray(0, 4096)).includes("-----BEGIN ");
}

function resolvePath(baseDir: string, path: string): string {
  return isAbsolute(path) ? path : resolve(baseDir, path);
}

function errorReason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : "unreadable";
}
