import { execFileSync, spawnSync } from "node:child_process";
import { generateKeyPairSync, X509Certificate } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import forge from "node-forge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RestClient } from "../../src/http/rest-client.ts";
import { parseConfig, type SymphonyError } from "../../src/index.ts";
import {
  hasOpenssl,
  makeCertificates,
  OPENSSL_MISSING,
  type TestCertificates,
} from "../tls/test-certificates.ts";

// The BDK's `ssl.trustStore` is a Java key store. Stores made the way a Java team makes them (keytool)
// are read: PKCS#12 for real (a call to an HTTPS server whose CA is only in the store passes), JKS
// refused with the keytool command that converts it.

const hasKeytool = spawnSync("keytool", ["-help"]).status === 0;
const KEYTOOL_MISSING = "keytool (a JRE) absent: trust stores made by keytool not tested";
if (!hasOpenssl) console.warn(`\n[sprig] ${OPENSSL_MISSING}\n`);
if (!hasKeytool) console.warn(`\n[sprig] ${KEYTOOL_MISSING}\n`);
const inCi = process.env.CI === "true";

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
const bot = `bot: {username: b, privateKey: {content: ${JSON.stringify(privateKey.export({ type: "pkcs8", format: "pem" }))}}}`;

async function refusal(yaml: string, baseDir: string): Promise<SymphonyError> {
  const error = await parseConfig(yaml, { env: {}, baseDir }).then(
    () => undefined,
    (caught: SymphonyError) => caught,
  );
  if (error === undefined) throw new Error("expected the trust store to be refused");
  return error;
}

describe("config: trust stores", () => {
  it("runs where keytool and openssl are (CI must have both)", () => {
    if (inCi) expect({ hasKeytool, hasOpenssl }).toEqual({ hasKeytool: true, hasOpenssl: true });
  });

  describe.skipIf(!hasOpenssl || !hasKeytool)("made by keytool", () => {
    let certs: TestCertificates;
    let server: Server;
    let port: number;
    const keytool = (...args: string[]) => execFileSync("keytool", args, { cwd: certs.dir, stdio: "pipe" });

    beforeAll(async () => {
      certs = makeCertificates("b");
      keytool(
        ...["-importcert", "-noprompt", "-alias", "pod-ca", "-file", "ca.pem"],
        ...["-keystore", "truststore.p12", "-storetype", "PKCS12", "-storepass", "changeit"],
      );
      keytool(
        ...["-importcert", "-noprompt", "-alias", "pod-ca", "-file", "ca.pem"],
        ...["-keystore", "truststore.jks", "-storetype", "JKS", "-storepass", "changeit"],
      );
      server = createServer({ key: certs.serverKey, cert: certs.serverCert }, (_request, response) => {
        response.writeHead(200, { "content-type": "application/json" }).end('{"id":7}');
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      port = (server.address() as { port: number }).port;
    });
    afterAll(async () => {
      await new Promise((resolve) => server?.close(resolve));
    });

    it("trusts the CA of a PKCS#12 trust store: an HTTPS call to a server it signed passes", async () => {
      const config = await parseConfig(
        `host: 127.0.0.1\nport: ${port}\nretry: {maxAttempts: 1}\nssl: {trustStore: {path: truststore.p12, password: changeit}}\n${bot}`,
        { env: {}, baseDir: certs.dir },
      );
      expect(config.trustedCertificates).toContain("-----BEGIN CERTIFICATE-----");
      const client = new RestClient({ config });
      try {
        const answer = await client.call({
          service: "pod",
          method: "GET",
          path: "/pod/v2/sessioninfo",
          auth: "none",
        });
        expect(answer).toEqual({ id: 7 });
      } finally {
        await client.close();
      }
    });

    it("reads the BDK's deprecated ssl.trustStorePath / trustStorePassword too", async () => {
      const config = await parseConfig(
        `host: h\nssl: {trustStorePath: truststore.p12, trustStorePassword: changeit}\n${bot}`,
        { env: {}, baseDir: certs.dir },
      );
      expect(config.trustedCertificates).toContain("-----BEGIN CERTIFICATE-----");
    });

    it("refuses a wrong password, naming the password key and never showing it", async () => {
      const error = await refusal(
        `host: h\nssl: {trustStore: {path: truststore.p12, password: wrong-secret-pw}}\n${bot}`,
        certs.dir,
      );
      expect(error.code).toBe("CONFIG_INVALID_VALUE");
      expect(error.message).toContain('"ssl.trustStore.password"');
      expect(error.message).not.toContain("wrong-secret-pw");
    });

    it("refuses a JKS store with the keytool command that converts it", async () => {
      const error = await refusal(
        `host: h\nssl: {trustStore: {path: truststore.jks, password: changeit}}\n${bot}`,
        certs.dir,
      );
      expect(error.code).toBe("CONFIG_INVALID_VALUE");
      expect(error.message).toContain("Java JKS key store");
      expect(error.message).toContain("keytool -importkeystore");
      expect(error.message).toContain("-deststoretype PKCS12");
      expect(error.message).not.toContain("changeit");
    });
  });

  it("reads a PKCS#12 store of certificates only, without Java (made with node-forge)", async () => {
    const keys = forge.pki.rsa.generateKeyPair(1024);
    const ca = forge.pki.createCertificate();
    ca.publicKey = keys.publicKey;
    ca.serialNumber = "01";
    ca.validity.notBefore = new Date();
    ca.validity.notAfter = new Date(Date.now() + 86_400_000);
    ca.setSubject([{ name: "commonName", value: "forge-ca" }]);
    ca.setIssuer([{ name: "commonName", value: "forge-ca" }]);
    ca.sign(keys.privateKey, forge.md.sha256.create());
    const p12 = forge.pkcs12.toPkcs12Asn1(null, [ca], "pw", { algorithm: "aes256" });
    const dir = mkdtempSync(join(tmpdir(), "sprig-truststore-"));
    writeFileSync(join(dir, "ts.p12"), Buffer.from(forge.asn1.toDer(p12).getBytes(), "binary"));
    const config = await parseConfig(`host: h\nssl: {trustStore: {path: ts.p12, password: pw}}\n${bot}`, {
      env: {},
      baseDir: dir,
    });
    const read = new X509Certificate(config.trustedCertificates ?? "");
    expect(read.fingerprint256).toBe(new X509Certificate(forge.pki.certificateToPem(ca)).fingerprint256);
  });
});
