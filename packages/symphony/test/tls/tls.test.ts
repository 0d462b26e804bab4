import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig, SymphonyConnection, silentLogger } from "../../src/index.ts";
import { botKeyPair, FakePod } from "../fake-symphony/fake-pod.ts";
import { recordingClock } from "../fake-symphony/test-config.ts";
import { failure } from "../support/failure.ts";
import { hasOpenssl, makeCertificates, OPENSSL_MISSING, type TestCertificates } from "./test-certificates.ts";

if (!hasOpenssl) console.warn(`\n[sprig] ${OPENSSL_MISSING}\n`);

const keys = botKeyPair();

describe.skipIf(!hasOpenssl)("TLS: trust store and certificate authentication (mutual TLS)", () => {
  let certs: TestCertificates;
  let pod: FakePod;
  const opened: SymphonyConnection[] = [];

  beforeAll(async () => {
    certs = makeCertificates("sprig-bot");
    writeFileSync(join(certs.dir, "bot.pem"), keys.pkcs8);
    writeFileSync(join(certs.dir, "truststore.pem"), certs.caPem);
    pod = await FakePod.start({
      publicKey: keys.publicKey,
      tls: {
        key: certs.serverKey,
        cert: certs.serverCert,
        ca: certs.caPem,
        requestCert: true,
        rejectUnauthorized: false,
      },
    });
  });
  afterAll(async () => {
    for (const c of opened) await c.close();
    await pod?.close();
  });

  async function connect(botYaml: string, trustStore = true) {
    const yaml = [
      "scheme: https",
      "host: 127.0.0.1",
      `port: ${pod.port}`,
      "retry: {maxAttempts: 2, initialIntervalMillis: 1, maxIntervalMillis: 5}",
      ...(trustStore ? ["ssl: {trustStore: {path: truststore.pem}}"] : []),
      botYaml,
    ].join("\n");
    const config = await parseConfig(yaml, { env: {}, baseDir: certs.dir });
    const connection = new SymphonyConnection(config, { logger: silentLogger(), clock: recordingClock() });
    opened.push(connection);
    return connection;
  }

  it("refuses a pod whose certificate it does not trust", async () => {
    const connection = await connect("bot: {username: sprig-bot, privateKey: {path: bot.pem}}", false);
    const error = await failure(connection.start());
    expect(error.code).toBe("TLS_CERTIFICATE_UNTRUSTED");
    expect(error.message).toContain("set ssl.trustStore.path");
    expect(error.message).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY/);
  });

  it("trusts the CAs of ssl.trustStore.path (PEM) and logs in with RSA over https", async () => {
    const connection = await connect("bot: {username: sprig-bot, privateKey: {path: bot.pem}}");
    expect((await connection.start()).id).toBe(pod.botId);
  });

  it("logs in with a client certificate (PEM bundle) on /sessionauth and /keyauth", async () => {
    const connection = await connect(
      `bot: {username: sprig-bot, certificate: {path: ${certs.clientPemPath}}}`,
    );
    const before = pod.sessionLogins;
    await connection.start();
    expect(pod.sessionLogins - before).toBe(1);
    const sessionAuth = pod.server.requestsTo("POST", "/sessionauth/v1/authenticate").at(-1)!;
    const keyAuth = pod.server.requestsTo("POST", "/keyauth/v1/authenticate").at(-1)!;
    expect(sessionAuth.clientCertificateCN).toBe("sprig-bot");
    expect(keyAuth.clientCertificateCN).toBe("sprig-bot");
    // The client certificate is presented only where it authenticates.
    expect(pod.server.requestsTo("GET", "/pod/v2/sessioninfo").at(-1)!.clientCertificateCN).toBeUndefined();
  });

  it("logs in with a PKCS#12 client certificate and its password", async () => {
    const connection = await connect(
      `bot: {username: sprig-bot, certificate: {path: ${certs.clientP12Path}, password: ${certs.clientP12Password}}}`,
    );
    expect((await connection.start()).username).toBe("sprig-bot");
  });

  it("reports a certificate the pod does not accept as a refused login", async () => {
    const connection = await connect(
      `bot: {username: sprig-bot, certificate: {path: ${certs.strangerPemPath}}}`,
    );
    const error = await failure(connection.start());
    expect(error.code).toBe("AUTH_REJECTED");
    expect(error.message).toContain("bot.certificate");
  });
});
