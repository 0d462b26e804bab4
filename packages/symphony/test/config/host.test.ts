import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseConfig, type SymphonyError } from "../../src/index.ts";

// Defect 5: a URL or a host:port in `host` passed validation, built an invalid URL on the first call
// (ERR_INVALID_URL) and was retried as a network error for minutes. It is refused at load time now.

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
const pem = privateKey.export({ type: "pkcs8", format: "pem" }) as string;
const bot = { username: "b", privateKey: { content: pem } };

async function refusal(raw: string, env: Record<string, string> = {}): Promise<SymphonyError> {
  const yaml = `${raw}\nbot: ${JSON.stringify(bot)}`;
  const outcome = await parseConfig(yaml, { env, origin: "bot.yaml" }).then(
    () => undefined,
    (error: SymphonyError) => error,
  );
  if (outcome === undefined) throw new Error(`expected ${JSON.stringify(raw)} to be refused`);
  return outcome;
}

describe("config: a host must be a host name, not a URL", () => {
  it.each([
    [
      "a URL in pod.host",
      "pod:\n  host: https://pod.example.com",
      "pod.host",
      "put the scheme in pod.scheme",
    ],
    ["a URL in host", "host: https://pod.example.com/", "host", "put the scheme in scheme"],
    [
      "host:port in agent.host",
      "host: pod.example.com\nagent: {host: 'agent:8443'}",
      "agent.host",
      "put the port in agent.port",
    ],
    ["a path in host", "host: pod.example.com/sym", "host", "put the path in context"],
    [
      "a URL in proxy.host",
      "host: h\nproxy: {host: 'http://proxy:3128', port: 3128}",
      "proxy.host",
      "put its port in proxy.port",
    ],
    ["a space in host", "host: pod example.com", "host", "letters, digits, dots and dashes"],
  ])("%s is refused at load time", async (_name, raw, key, advice) => {
    const error = await refusal(raw);
    expect(error.code).toBe("CONFIG_INVALID_VALUE");
    expect(error.message).toContain(`${key} must be a host name like "pod.example.com"`);
    expect(error.message).toContain(advice);
    expect(error.message).toContain("bot.yaml");
  });

  it("names the environment variable when the URL came from there", async () => {
    const error = await refusal("host: pod.example.com", {
      SPRIG_SYMPHONY_POD_HOST: "https://pod.example.com",
    });
    expect(error.message).toContain("pod.host must be a host name");
    expect(error.message).toContain("SPRIG_SYMPHONY_POD_HOST");
  });

  it.each(["acme.symphony.com", "127.0.0.1", "localhost", "[::1]", "my_pod-1.internal."])(
    "accepts %s",
    async (host) => {
      const config = await parseConfig(`host: "${host}"\nbot: ${JSON.stringify(bot)}`, { env: {} });
      expect(config.services.pod.host).toBe(host);
    },
  );
});
