import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig, parseConfig, type SymphonyError } from "../../src/index.ts";

// BDK-Java interpolates `${NAME}` in every text value of its config (docs/configuration.md, "Field
// interpolation using Java system properties or environment variables"): `${NAME:-default}` for a
// default, `$${NAME}` for the literal text. These tests use that section's own example.

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
const dir = mkdtempSync(join(tmpdir(), "sprig-subst-"));
writeFileSync(join(dir, "rsa-private-key.pem"), privateKey.export({ type: "pkcs8", format: "pem" }));

async function refusal(promise: Promise<unknown>): Promise<SymphonyError> {
  const error = await promise.then(
    () => undefined,
    (caught: SymphonyError) => caught,
  );
  if (error === undefined) throw new Error("expected the config to be refused");
  return error;
}

describe("config: ${VAR} substitution as BDK-Java does it", () => {
  // The BDK documentation's example, in YAML.
  const bdkExample = `
host: "\${subdomain:-acme}.symphony.com"
bot:
  username: bot-username
  privateKey:
    path: "\${HOME}/rsa-private-key.pem"
`;

  it("substitutes environment variables and uses the default after :- when one is unset", async () => {
    const config = await parseConfig(bdkExample, { env: { HOME: dir } });
    expect(config.services.pod.host).toBe("acme.symphony.com");
    expect(config.bot.auth.kind).toBe("rsa");
    const set = await parseConfig(bdkExample, { env: { HOME: dir, subdomain: "globex" } });
    expect(set.services.agent.host).toBe("globex.symphony.com");
  });

  it("keeps $${NAME} as the literal text ${NAME}, and substitutes inside defaults and values", async () => {
    const config = await parseConfig(
      `host: h
datafeed: {tag: "$\${literal}-\${A:-\${B}}"}
proxy: {host: p, port: 1, username: "\${USER_REF}"}
bot: {username: b, privateKey: {path: "\${user.home}/x.pem"}}`,
      { env: { B: "bee", USER_REF: "${B}-user" } },
    ).catch((error: SymphonyError) => error);
    // user.home is the JVM's system property, answered as Java would: the home folder.
    expect((config as SymphonyError).message).toContain(join(homedir(), "x.pem"));
    const ok = await parseConfig(
      `host: h
datafeed: {tag: "$\${literal}-\${A:-\${B}}"}
proxy: {host: p, port: 1, username: "\${USER_REF}"}
bot: {username: b, privateKey: {path: "\${KEY_DIR}/rsa-private-key.pem"}}`,
      { env: { B: "bee", USER_REF: "${B}-user", KEY_DIR: dir } },
    );
    expect(ok.datafeed.tag).toBe("${literal}-bee");
    expect(ok.services.pod.proxy?.username).toBe("bee-user");
  });

  it("substitutes numbers given as variables, and keys of a file read from disk", async () => {
    const path = join(dir, "config.yaml");
    writeFileSync(
      path,
      `host: h\nport: "\${POD_PORT}"\nbot: {username: b, privateKey: {path: rsa-private-key.pem}}`,
    );
    const config = await loadConfig(path, { env: { POD_PORT: "8443" } });
    expect(config.services.pod.port).toBe(8443);
  });

  it("refuses an unset variable without a default, naming the key and the variable", async () => {
    const error = await refusal(parseConfig(bdkExample, { env: {}, origin: "bot.yaml" }));
    expect(error.code).toBe("CONFIG_MISSING_KEY");
    expect(error.message).toContain('"bot.privateKey.path"');
    expect(error.message).toContain("HOME is not set");
    expect(error.message).toContain("bot.yaml");
  });

  it("refuses variables that refer to each other in a loop", async () => {
    const error = await refusal(
      parseConfig("host: ${A}\nbot: {username: b}", { env: { A: "${B}", B: "x${A}" } }),
    );
    expect(error.code).toBe("CONFIG_INVALID_VALUE");
    expect(error.message).toContain("A → B → A");
  });

  it("never shows a variable's value in an error", async () => {
    const error = await refusal(
      parseConfig('host: h\nbot: {username: b, privateKey: {content: "${KEY}"}}', {
        env: { KEY: "hunter2-secret-key" },
      }),
    );
    expect(error.code).toBe("CONFIG_INVALID_VALUE");
    expect(error.message).not.toContain("hunter2");
  });
});

describe("config: enum values in any case, as the BDK compares them", () => {
  it("reads HTTPS, Http and V2 / V1", async () => {
    const config = await parseConfig(
      "scheme: HTTPS\nhost: h\nagent: {scheme: Http}\ndatafeed: {version: V1}\nbot: {username: b, privateKey: {path: rsa-private-key.pem}}",
      { env: {}, baseDir: dir },
    );
    expect(config.services.pod.scheme).toBe("https");
    expect(config.services.agent.scheme).toBe("http");
    expect(config.services.agent.port).toBe(80);
    expect(config.datafeed.version).toBe("v1");
  });

  it("still refuses a value that is none of them", async () => {
    const error = await refusal(
      parseConfig(
        "host: h\ndatafeed: {version: v3}\nbot: {username: b, privateKey: {path: rsa-private-key.pem}}",
        { env: {}, baseDir: dir },
      ),
    );
    expect(error.code).toBe("CONFIG_INVALID_VALUE");
    expect(error.message).toContain('"datafeed.version"');
  });
});
