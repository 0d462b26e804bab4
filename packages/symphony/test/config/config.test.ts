import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_ENV_VARIABLES, loadConfig, parseConfig } from "../../src/index.ts";
import { failure } from "../support/failure.ts";

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const pkcs8 = privateKey.export({ type: "pkcs8", format: "pem" }) as string;
const pkcs1 = privateKey.export({ type: "pkcs1", format: "pem" }) as string;
const dir = mkdtempSync(join(tmpdir(), "sprig-config-"));
writeFileSync(join(dir, "bot.pem"), pkcs1);
writeFileSync(join(dir, "ca.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
writeFileSync(join(dir, "not-a-ca.pem"), "hello");
writeFileSync(join(dir, "bot.p12"), Buffer.from([0x30, 0x82, 0x01]));

const noEnv = {};

describe("config: the BDK's YAML keys", () => {
  it("reads a full BDK config: global host, per-service overrides, key, trust store, datafeed, retry, proxy", async () => {
    const yaml = `
host: acme.symphony.com
port: 8443
context: /sym/
agent:
  host: agent.acme.com
  port: 9443
keyManager:
  host: km.acme.com
  context: ""
sessionAuth:
  scheme: http
  host: sa.acme.com
bot:
  username: todo-bot
  privateKey:
    path: bot.pem
ssl:
  trustStore:
    path: ca.pem
datafeed:
  version: v1
  tag: todo
retry:
  maxAttempts: 6
  initialIntervalMillis: 2000
  multiplier: 1.5
  maxIntervalMillis: 10000
proxy:
  host: proxy.acme.com
  port: 3128
  username: me
  password: secret-proxy-password
`;
    const path = join(dir, "full.yaml");
    writeFileSync(path, yaml);
    const config = await loadConfig(path, { env: noEnv });
    const proxy = { host: "proxy.acme.com", port: 3128, username: "me", password: "secret-proxy-password" };
    expect(config.services.pod).toEqual({
      scheme: "https",
      host: "acme.symphony.com",
      port: 8443,
      context: "/sym",
      proxy,
    });
    expect(config.services.agent).toEqual({
      scheme: "https",
      host: "agent.acme.com",
      port: 9443,
      context: "/sym",
      proxy,
    });
    expect(config.services.keyManager).toMatchObject({ host: "km.acme.com", port: 8443, context: "" });
    // An http service without its own port gets the global one: it is an explicit setting.
    expect(config.services.sessionAuth).toMatchObject({ scheme: "http", host: "sa.acme.com", port: 8443 });
    expect(config.bot).toEqual({ username: "todo-bot", auth: { kind: "rsa", privateKeyPem: pkcs1 } });
    expect(config.trustedCertificates).toContain("BEGIN CERTIFICATE");
    expect(config.datafeed).toEqual({
      version: "v1",
      tag: "todo",
      retry: { maxAttempts: -1, initialIntervalMillis: 2000, multiplier: 1.5, maxIntervalMillis: 10000 },
    });
    expect(config.retry).toEqual({
      maxAttempts: 6,
      initialIntervalMillis: 2000,
      multiplier: 1.5,
      maxIntervalMillis: 10000,
    });
  });

  it("applies the BDK defaults: https, port 443, no context, datafeed v2, 10 attempts from 500 ms doubling to 5 min", async () => {
    const config = await parseConfig(
      `host: pod.example\nbot: {username: b, privateKey: {content: ${JSON.stringify(pkcs8)}}}`,
      {
        env: noEnv,
      },
    );
    expect(config.services.agent).toEqual({ scheme: "https", host: "pod.example", port: 443, context: "" });
    expect(config.datafeed.version).toBe("v2");
    expect(config.retry).toEqual({
      maxAttempts: 10,
      initialIntervalMillis: 500,
      multiplier: 2,
      maxIntervalMillis: 300000,
    });
    expect(config.datafeed.retry.maxAttempts).toBe(-1);
    expect(config.trustedCertificates).toBeUndefined();
  });

  it("reads datafeed.lostReadWaitMs (the pod's visibility timeout) and refuses one that is not a whole number ≥ 0", async () => {
    const key = `bot: {username: b, privateKey: {content: ${JSON.stringify(pkcs8)}}}`;
    const config = await parseConfig(`host: pod.example\n${key}\ndatafeed: {lostReadWaitMs: 2000}`, {
      env: noEnv,
    });
    expect(config.datafeed.lostReadWaitMs).toBe(2000);
    await expect(
      parseConfig(`host: pod.example\n${key}\ndatafeed: {lostReadWaitMs: -5}`, { env: noEnv }),
    ).rejects.toThrow(/datafeed\.lostReadWaitMs/);
  });

  it("reads certificate authentication: PKCS#12 by content sniffing, with its password", async () => {
    const config = await parseConfig(
      "host: h\nbot:\n  username: b\n  certificate:\n    path: bot.p12\n    password: changeit-please",
      { env: noEnv, baseDir: dir },
    );
    expect(config.bot.auth).toMatchObject({
      kind: "certificate",
      format: "pkcs12",
      password: "changeit-please",
    });
  });
});

describe("config: environment overrides", () => {
  it("names each variable SPRIG_SYMPHONY_<KEY PATH> and documents the full list", () => {
    expect(CONFIG_ENV_VARIABLES["bot.privateKey.path"]).toBe("SPRIG_SYMPHONY_BOT_PRIVATE_KEY_PATH");
    expect(CONFIG_ENV_VARIABLES["keyManager.host"]).toBe("SPRIG_SYMPHONY_KEY_MANAGER_HOST");
    expect(CONFIG_ENV_VARIABLES["ssl.trustStore.path"]).toBe("SPRIG_SYMPHONY_SSL_TRUST_STORE_PATH");
    expect(CONFIG_ENV_VARIABLES["datafeed.retry.maxAttempts"]).toBe(
      "SPRIG_SYMPHONY_DATAFEED_RETRY_MAX_ATTEMPTS",
    );
  });

  it("lets the environment override the file and fill in what it lacks (empty variables count as unset)", async () => {
    const config = await parseConfig("host: from-file\nport: 443\nbot: {username: file-bot}", {
      baseDir: dir,
      env: {
        SPRIG_SYMPHONY_HOST: "from-env",
        SPRIG_SYMPHONY_PORT: "8443",
        SPRIG_SYMPHONY_BOT_USERNAME: "",
        SPRIG_SYMPHONY_BOT_PRIVATE_KEY_PATH: join(dir, "bot.pem"),
        SPRIG_SYMPHONY_DATAFEED_VERSION: "v1",
        SPRIG_SYMPHONY_RETRY_MAX_ATTEMPTS: "3",
      },
    });
    expect(config.services.pod).toMatchObject({ host: "from-env", port: 8443 });
    expect(config.bot.username).toBe("file-bot");
    expect(config.bot.auth).toEqual({ kind: "rsa", privateKeyPem: pkcs1 });
    expect(config.datafeed.version).toBe("v1");
    expect(config.retry.maxAttempts).toBe(3);
  });

  it("names the variable, not the file, when an environment value is invalid", async () => {
    const error = await failure(
      parseConfig("host: h\nbot: {username: b, privateKey: {path: bot.pem}}", {
        baseDir: dir,
        env: { SPRIG_SYMPHONY_DATAFEED_VERSION: "v3" },
      }),
    );
    expect(error.code).toBe("CONFIG_INVALID_VALUE");
    expect(error.message).toContain('"datafeed.version"');
    expect(error.message).toContain("SPRIG_SYMPHONY_DATAFEED_VERSION");
    expect(error.message).toContain("one of v1, v2");
  });
});

describe("config: clear errors naming the key", () => {
  const key = `privateKey: {path: bot.pem}`;
  const cases: [string, string, string, string][] = [
    ["no host anywhere", `bot: {username: b, ${key}}`, "CONFIG_MISSING_KEY", '"host"'],
    ["no username", `host: h\nbot: {${key}}`, "CONFIG_MISSING_KEY", '"bot.username"'],
    ["neither key nor certificate", "host: h\nbot: {username: b}", "CONFIG_MISSING_KEY", '"bot.privateKey"'],
    [
      "a port that is not a port",
      `host: h\nport: 99999\nbot: {username: b, ${key}}`,
      "CONFIG_INVALID_VALUE",
      '"port"',
    ],
    [
      "a per-service port",
      `host: h\nagent: {port: abc}\nbot: {username: b, ${key}}`,
      "CONFIG_INVALID_VALUE",
      '"agent.port"',
    ],
    [
      "an unknown scheme",
      `host: h\nscheme: ftp\nbot: {username: b, ${key}}`,
      "CONFIG_INVALID_VALUE",
      '"scheme"',
    ],
    [
      "a missing key file",
      "host: h\nbot: {username: b, privateKey: {path: nope.pem}}",
      "CONFIG_INVALID_VALUE",
      '"bot.privateKey.path"',
    ],
    [
      "a key that is not RSA PEM",
      "host: h\nbot: {username: b, privateKey: {content: hello}}",
      "CONFIG_INVALID_VALUE",
      '"bot.privateKey"',
    ],
    [
      "both key and certificate",
      `host: h\nbot: {username: b, ${key}, certificate: {path: bot.p12}}`,
      "CONFIG_INVALID_VALUE",
      '"bot.certificate"',
    ],
    [
      "a trust store that is not PEM",
      `host: h\nssl: {trustStore: {path: not-a-ca.pem}}\nbot: {username: b, ${key}}`,
      "CONFIG_INVALID_VALUE",
      '"ssl.trustStore.path"',
    ],
    [
      "a proxy without a port",
      `host: h\nproxy: {host: p}\nbot: {username: b, ${key}}`,
      "CONFIG_MISSING_KEY",
      '"proxy.port"',
    ],
    [
      "zero retry attempts",
      `host: h\nretry: {maxAttempts: 0}\nbot: {username: b, ${key}}`,
      "CONFIG_INVALID_VALUE",
      '"retry.maxAttempts"',
    ],
    [
      "a max interval below the initial one",
      `host: h\nretry: {initialIntervalMillis: 1000, maxIntervalMillis: 10}\nbot: {username: b, ${key}}`,
      "CONFIG_INVALID_VALUE",
      '"retry.maxIntervalMillis"',
    ],
    ["a list instead of a mapping", "- a\n- b", "CONFIG_SYNTAX", "YAML mapping"],
  ];
  it.each(cases)("%s", async (_name, yaml, code, named) => {
    const error = await failure(parseConfig(yaml, { env: noEnv, baseDir: dir, origin: "bot.yaml" }));
    expect(error.code).toBe(code);
    expect(error.message).toContain(named);
    expect(error.message).toContain("bot.yaml");
  });

  it("reports a YAML syntax error by position without quoting the line (it may hold a secret)", async () => {
    const error = await failure(parseConfig("bot:\n  password: hunter2-secret\n   bad: [", { env: noEnv }));
    expect(error.code).toBe("CONFIG_SYNTAX");
    expect(error.message).toMatch(/line \d+/);
    expect(error.message).not.toContain("hunter2");
  });

  it("never shows a secret value in an error", async () => {
    const error = await failure(
      parseConfig("host: h\nproxy: {host: p, port: 1, password: [hunter2-secret]}\nbot: {username: b}", {
        env: noEnv,
      }),
    );
    expect(error.code).toBe("CONFIG_INVALID_VALUE");
    expect(error.message).toContain('"proxy.password"');
    expect(error.message).not.toContain("hunter2");
  });

  it.each([
    ["a key in the wrong case", "host: h\nbot: {username: b, privatekey: {path: bot.pem}}", "bot.privatekey"],
    [
      "a key with a letter missing",
      "host: h\nbot: {username: b, privteKey: {path: bot.pem}}",
      "bot.privteKey",
    ],
    ["a top-level key in the wrong case", "hOst: h\nbot: {username: b}", "hOst"],
  ])("names the near miss when a missing key looks misspelt: %s", async (_name, yaml, near) => {
    const error = await failure(parseConfig(yaml, { env: noEnv, baseDir: dir }));
    expect(error.code).toBe("CONFIG_MISSING_KEY");
    expect(error.message).toContain(`The file has "${near}"`);
  });

  it("suggests nothing when no key beside the missing one looks like it", async () => {
    const error = await failure(parseConfig("host: h\nbot: {username: b, colour: red}", { env: noEnv }));
    expect(error.code).toBe("CONFIG_MISSING_KEY");
    expect(error.message).not.toContain("The file has");
  });

  it("reports an unreadable config file with its path", async () => {
    const error = await failure(loadConfig(join(dir, "missing.yaml"), { env: noEnv }));
    expect(error.code).toBe("CONFIG_UNREADABLE");
    expect(error.message).toContain("missing.yaml");
  });
});
