/**
 * X.509 material for the TLS tests, made with the `openssl` binary (Node can make keys but not
 * certificates). Tests using it skip visibly when openssl is absent.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const hasOpenssl = spawnSync("openssl", ["version"]).status === 0;
export const OPENSSL_MISSING =
  "openssl binary absent: TLS / mutual TLS tests skipped (install openssl to run them)";

export interface TestCertificates {
  readonly dir: string;
  readonly caPem: string;
  readonly serverKey: string;
  readonly serverCert: string;
  /** Client certificate and key in one PEM file (the form `bot.certificate.path` accepts). */
  readonly clientPemPath: string;
  readonly clientP12Path: string;
  readonly clientP12Password: string;
  /** A client certificate for the same name signed by a CA the server does not trust. */
  readonly strangerPemPath: string;
}

export function makeCertificates(clientName: string): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), "sprig-tls-"));
  const run = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  const path = (name: string) => join(dir, name);
  const issue = (name: string, subject: string, ca: string, extensions: string) => {
    writeFileSync(path(`${name}.ext`), extensions);
    run(
      "req",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      `${name}.key`,
      "-out",
      `${name}.csr`,
      "-subj",
      subject,
    );
    run(
      "x509",
      "-req",
      "-in",
      `${name}.csr`,
      "-CA",
      `${ca}.pem`,
      "-CAkey",
      `${ca}.key`,
      "-CAcreateserial",
      "-out",
      `${name}.pem`,
      "-days",
      "2",
      "-extfile",
      `${name}.ext`,
    );
  };
  for (const ca of ["ca", "stranger-ca"]) {
    run(
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      `${ca}.key`,
      "-out",
      `${ca}.pem`,
      "-days",
      "2",
      "-subj",
      `/CN=${ca}`,
    );
  }
  issue("server", "/CN=127.0.0.1", "ca", "subjectAltName=IP:127.0.0.1\n");
  issue("client", `/CN=${clientName}`, "ca", "extendedKeyUsage=clientAuth\n");
  issue("stranger", `/CN=${clientName}`, "stranger-ca", "extendedKeyUsage=clientAuth\n");
  const combine = (name: string) =>
    writeFileSync(
      path(`${name}-bundle.pem`),
      readFileSync(path(`${name}.pem`), "utf8") + readFileSync(path(`${name}.key`), "utf8"),
    );
  combine("client");
  combine("stranger");
  const password = "p12-test-password";
  run(
    "pkcs12",
    "-export",
    "-in",
    "client.pem",
    "-inkey",
    "client.key",
    "-out",
    "client.p12",
    "-passout",
    `pass:${password}`,
  );
  return {
    dir,
    caPem: readFileSync(path("ca.pem"), "utf8"),
    serverKey: readFileSync(path("server.key"), "utf8"),
    serverCert: readFileSync(path("server.pem"), "utf8"),
    clientPemPath: path("client-bundle.pem"),
    clientP12Path: path("client.p12"),
    clientP12Password: password,
    strangerPemPath: path("stranger-bundle.pem"),
  };
}
