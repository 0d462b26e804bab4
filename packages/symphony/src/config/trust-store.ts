import { X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import forge from "node-forge";
import { SymphonyError } from "../errors/symphony-error.ts";
import type { ConfigReader } from "./config-reader.ts";

/**
 * The trust store, as the BDK configures it (`ssl.trustStore.path` / `.password`), read into PEM CA
 * certificates for Node's TLS.
 * Accepted: PEM files, and PKCS#12 stores (what `keytool` makes by default since Java 9) read with
 * node-forge. A JKS or JCEKS store, which no maintained Node library reads, is refused with the
 * `keytool` command that converts it.
 */
export async function readTrustStore(
  reader: ConfigReader,
  resolvePath: (path: string) => string,
): Promise<string | undefined> {
  const keyPath = "ssl.trustStore.path";
  const given = reader.optionalString(keyPath);
  if (given === undefined) return undefined;
  const path = resolvePath(given);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw reader.invalid(
      keyPath,
      "a readable trust store file",
      `${path} (${typeof code === "string" ? code : "unreadable"})`,
    );
  }
  const text = bytes.subarray(0, 64 * 1024).toString("latin1");
  if (text.includes("-----BEGIN CERTIFICATE-----")) return bytes.toString("utf8");
  const magic = bytes.subarray(0, 4).toString("hex");
  if (magic === "feedfeed" || magic === "cececece") throw javaKeyStore(reader, keyPath, path, magic);
  return pkcs12Certificates(reader, keyPath, path, bytes);
}

function pkcs12Certificates(reader: ConfigReader, keyPath: string, path: string, bytes: Buffer): string {
  const passwordKey = "ssl.trustStore.password";
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(bytes.toString("binary"));
  } catch {
    throw reader.invalid(
      keyPath,
      "a trust store: a PEM file of CA certificates (-----BEGIN CERTIFICATE-----) or a PKCS#12 store",
      `${path}, which is neither`,
    );
  }
  let store: forge.pkcs12.Pkcs12Pfx;
  try {
    store = forge.pkcs12.pkcs12FromAsn1(asn1, false, reader.optionalString(passwordKey) ?? "");
  } catch {
    throw new SymphonyError(
      "CONFIG_INVALID_VALUE",
      `The PKCS#12 trust store ${path} (${reader.describe(keyPath)}) cannot be opened: check "${passwordKey}" (the store's password) — or is the file damaged?`,
    );
  }
  const certBag = forge.pki.oids.certBag as string;
  const bags = store.getBags({ bagType: certBag })[certBag] ?? [];
  const pems = bags.map((bag) => {
    // forge parses RSA certificates only; others (EC) keep their ASN.1, which Node reads.
    const certificate = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
    return new X509Certificate(Buffer.from(forge.asn1.toDer(certificate).getBytes(), "binary")).toString();
  });
  if (pems.length === 0) {
    throw reader.invalid(
      keyPath,
      "a trust store holding at least one CA certificate",
      `${path}, which holds none`,
    );
  }
  return pems.join("");
}

function javaKeyStore(reader: ConfigReader, keyPath: string, path: string, magic: string): SymphonyError {
  const type = magic === "feedfeed" ? "JKS" : "JCEKS";
  return new SymphonyError(
    "CONFIG_INVALID_VALUE",
    `The trust store ${path} (${reader.describe(keyPath)}) is a Java ${type} key store, which Node cannot read. ` +
      `Convert it once to PKCS#12 with: keytool -importkeystore -srckeystore ${path} -srcstoretype ${type} ` +
      `-destkeystore truststore.p12 -deststoretype PKCS12 — then point ${keyPath} at truststore.p12 (same password).`,
  );
}
