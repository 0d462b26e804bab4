import type { UnusedKeys } from "./unused-keys.ts";

/** The resolved, validated adapter configuration: every default applied, every key file read. */

export type ServiceName = "pod" | "agent" | "keyManager" | "sessionAuth";
export const SERVICE_NAMES: readonly ServiceName[] = ["pod", "agent", "keyManager", "sessionAuth"];

export interface ProxyConfig {
  readonly host: string;
  readonly port: number;
  readonly username?: string;
  readonly password?: string;
}

export interface ServiceConfig {
  readonly scheme: "http" | "https";
  readonly host: string;
  readonly port: number;
  /** Path prefix in front of `/pod`, `/agent`, `/login`…: "" or "/something", never a trailing slash. */
  readonly context: string;
  readonly proxy?: ProxyConfig;
  /** The BDK's `connectionTimeout`: ms to open the connection (TLS handshake included). */
  readonly connectionTimeoutMillis?: number;
  /** The BDK's `readTimeout`: ms the server may stay silent while answering (headers, then body). */
  readonly readTimeoutMillis?: number;
}

/** The BDK's defaults (`ApiClientBuilder`), used when a service sets no timeout. */
export const DEFAULT_CONNECTION_TIMEOUT_MILLIS = 15_000;
export const DEFAULT_READ_TIMEOUT_MILLIS = 60_000;

/** Exponential backoff, as the BDK's `retry` section: delay n = min(initial × multiplierⁿ⁻¹, max). */
export interface RetryConfig {
  /** Total attempts including the first; `-1` = retry forever (the datafeed's default). */
  readonly maxAttempts: number;
  readonly initialIntervalMillis: number;
  readonly multiplier: number;
  readonly maxIntervalMillis: number;
}

export interface RsaBotAuth {
  readonly kind: "rsa";
  /** PEM text, PKCS#1 or PKCS#8. */
  readonly privateKeyPem: string;
}

export interface CertificateBotAuth {
  readonly kind: "certificate";
  /** PEM (certificate and private key in one file) or PKCS#12 bytes. */
  readonly format: "pem" | "pkcs12";
  readonly certificate: Uint8Array;
  readonly password?: string;
}

/**
 * The BDK's `app` section: an extension app of the pod, whose RSA key lets the bot act on behalf of
 * users (OBO, `symphony(bot).onBehalfOf(user)`).
 */
export interface AppConfig {
  readonly appId: string;
  /** PEM text, PKCS#1 or PKCS#8. */
  readonly privateKeyPem: string;
}

/** `redis:` in the config (`SPRIG_REDIS_URL` sets the url): the shape `@sprig/redis` connects with. */
export interface RedisSettings {
  /** `redis://host:port` or `rediss://host:port` (TLS); may carry `user:password@`. */
  readonly url: string;
  /** An ACL user. */
  readonly username?: string;
  readonly password?: string;
  /** With rediss://: the CA that signed the server's certificate (PEM, read from `redis.tls.caPath`). */
  readonly tls?: { readonly ca?: string };
  /** The start of every key this bot writes (default "sprig"); bots sharing a Redis need their own. */
  readonly prefix?: string;
}

export interface SymphonyConfig {
  readonly services: Readonly<Record<ServiceName, ServiceConfig>>;
  readonly bot: {
    readonly username: string;
    readonly auth: RsaBotAuth | CertificateBotAuth;
  };
  /** The extension app for OBO, when the config has an `app` section. */
  readonly app?: AppConfig;
  /** Extra certificate authorities (PEM) trusted on top of the system ones. */
  readonly trustedCertificates?: string;
  readonly datafeed: {
    readonly version: "v1" | "v2";
    /** Datafeed v2 tag, so several bots on one account keep their own feed. */
    readonly tag?: string;
    readonly retry: RetryConfig;
    /**
     * The pod's visibility timeout (ms, default 30 s): a read whose answer was lost is sent again
     * only after it, when the pod hands the lost events out again, so that they still run before
     * the later events of their conversations (sprig's own key; see `DatafeedLoopOptions`).
     */
    readonly lostReadWaitMs?: number;
  };
  readonly retry: RetryConfig;
  /**
   * The Redis several instances of the bot share (`@sprig/redis`): idempotency and order across
   * instances. Absent: one instance, in-memory defaults.
   */
  readonly redis?: RedisSettings;
  /** Keys of the file nothing reads (typos, BDK-only keys): logged once as a warning at start. */
  readonly unusedKeys?: UnusedKeys;
}

/** The BDK's defaults (`BdkRetryConfig`): 10 attempts, 500 ms doubling up to 5 minutes. */
export const DEFAULT_RETRY: RetryConfig = Object.freeze({
  maxAttempts: 10,
  initialIntervalMillis: 500,
  multiplier: 2,
  maxIntervalMillis: 300_000,
});

/** The BDK's datafeed defaults: as the global ones, but never give up. */
export const DEFAULT_DATAFEED_RETRY: RetryConfig = Object.freeze({ ...DEFAULT_RETRY, maxAttempts: -1 });
