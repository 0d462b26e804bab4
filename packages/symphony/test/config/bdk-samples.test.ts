import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type Logger, loadConfig, parseConfig, SymphonyConnection } from "../../src/index.ts";

// Configs with the keys and structure of BDK-Java's own (see bdk-samples/README.md) load as they are.

const samples = join(dirname(fileURLToPath(import.meta.url)), "bdk-samples");
const dir = mkdtempSync(join(tmpdir(), "sprig-bdk-samples-"));
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
const keyPath = join(dir, "privatekey.pem");
writeFileSync(keyPath, privateKey.export({ type: "pkcs8", format: "pem" }));
const trustStorePath = join(dir, "ca.pem");
writeFileSync(trustStorePath, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");

function sample(name: string): string {
  const text = readFileSync(join(samples, name), "utf8")
    .replaceAll("KEY_PATH", keyPath)
    .replaceAll("TRUST_STORE_PATH", trustStorePath);
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("config: BDK-Java's sample configs load as they are", () => {
  it("the full example: every service, connection settings, proxy, trust store, datafeed, retry", async () => {
    const config = await loadConfig(sample("full-example.yaml"), { env: {} });
    const proxy = {
      host: "proxy.acme.test",
      port: 3128,
      username: "proxy-user",
      password: "proxy-password-secret",
    };
    const timeouts = { connectionTimeoutMillis: 12000, readTimeoutMillis: 45000 };
    expect(config.services.pod).toEqual({
      scheme: "https",
      host: "pod.acme.test",
      port: 443,
      context: "",
      proxy,
      ...timeouts,
    });
    expect(config.services.agent).toMatchObject({ host: "acme.symphony.test", port: 8443 });
    expect(config.services.keyManager).toMatchObject({ host: "km.acme.test", port: 8444 });
    expect(config.services.sessionAuth).toMatchObject({
      host: "sessionauth.acme.test",
      port: 8444,
      ...timeouts,
    });
    expect(config.bot).toMatchObject({ username: "acme-bot", auth: { kind: "rsa" } });
    expect(config.trustedCertificates).toContain("BEGIN CERTIFICATE");
    const retry = { maxAttempts: 6, initialIntervalMillis: 2000, multiplier: 1.5, maxIntervalMillis: 10000 };
    expect(config.retry).toEqual(retry);
    expect(config.datafeed).toEqual({ version: "v2", retry });
    expect(config.unusedKeys).toEqual({
      unknown: [],
      bdkOnly: [
        "connectionPoolMax",
        "connectionPoolPerRoute",
        "defaultHeaders",
        "agent.loadBalancing",
        "keyManager.defaultHeaders",
      ],
    });
    expect(config.app).toEqual({ appId: "acme-app", privateKeyPem: expect.stringContaining("PRIVATE KEY") });
  });

  it("global connection settings with per-service overrides, and the deprecated bot.privateKeyPath", async () => {
    const config = await loadConfig(sample("client-global.yaml"), { env: {} });
    expect(config.services.pod).toMatchObject({
      host: "other-pod.acme.test",
      port: 8443,
      context: "/context",
      connectionTimeoutMillis: 10000,
      readTimeoutMillis: 30000,
    });
    expect(config.services.agent).toMatchObject({
      host: "agent.acme.test",
      port: 443,
      connectionTimeoutMillis: 20000,
      readTimeoutMillis: 60000,
    });
    expect(config.services.keyManager).toMatchObject({ host: "km.acme.test", context: "/km-context" });
    expect(config.services.sessionAuth).toMatchObject({
      scheme: "http",
      host: "global.acme.test",
      port: 8443,
    });
    expect(config.bot.auth.kind).toBe("rsa");
    expect(config.app?.appId).toBe("acme-app"); // from the deprecated app.privateKeyPath
  });

  it("one host per service, a version marker, an OBO app section, a datafeed retry of its own", async () => {
    const config = await loadConfig(sample("per-service.yaml"), { env: {} });
    expect(config.services.agent.host).toBe("agent.acme.test");
    expect(config.datafeed.retry.maxAttempts).toBe(2);
    expect(config.unusedKeys).toEqual({ unknown: [], bdkOnly: ["_version"] });
    expect(config.app?.appId).toBe("acme-app");
  });
});

describe("config: the app section (OBO)", () => {
  it("an appId without a key, or a key that is no RSA key, is refused naming the key", async () => {
    const base = `host: h\nbot: {username: b, privateKey: {path: ${keyPath}}}\n`;
    await expect(parseConfig(`${base}app: {appId: x}`, { env: {} })).rejects.toMatchObject({
      code: "CONFIG_MISSING_KEY",
      message: expect.stringContaining("app.privateKey"),
    });
    await expect(
      parseConfig(`${base}app: {appId: x, privateKey: {content: "not a key"}}`, { env: {} }),
    ).rejects.toMatchObject({
      code: "CONFIG_INVALID_VALUE",
      message: expect.stringContaining("app.privateKey"),
    });
    await expect(
      parseConfig(`${base}app: {privateKey: {path: ${keyPath}}}`, { env: {} }),
    ).rejects.toMatchObject({
      code: "CONFIG_MISSING_KEY",
      message: expect.stringContaining("app.appId"),
    });
  });
});

describe("config: keys nothing reads are listed once as a warning", () => {
  it("names misspelt keys apart from BDK-only ones, in one warning when the connection is made", async () => {
    const config = await parseConfig(
      `host: h\nretyr: {maxAttempts: 3}\nconnectionPoolMax: 5\ndatafeed: {tagg: x}\nbot: {username: b, privateKey: {path: ${keyPath}}}`,
      { env: {} },
    );
    const warnings: [Record<string, unknown>, string][] = [];
    const logger: Logger = {
      debug: () => {},
      info: () => {},
      warn: (fields: Record<string, unknown>, message: string) => warnings.push([fields, message]),
      error: () => {},
      child: () => logger,
    } as unknown as Logger;
    const connection = new SymphonyConnection(config, { logger });
    await connection.close();
    expect(warnings).toHaveLength(1);
    const [fields, message] = warnings[0] ?? [{}, ""];
    expect(fields).toMatchObject({
      unknownKeys: ["retyr", "datafeed.tagg"],
      bdkKeysNotUsed: ["connectionPoolMax"],
    });
    expect(message).toContain("unknown (misspelt?): retyr, datafeed.tagg");
    expect(message).toContain("BDK keys sprig does not use: connectionPoolMax");
  });

  it("says nothing when every key is read", async () => {
    const config = await parseConfig(`host: h\nbot: {username: b, privateKey: {path: ${keyPath}}}`, {
      env: {},
    });
    expect(config.unusedKeys).toBeUndefined();
  });
});
