import { generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  bitString,
  bool,
  explicit,
  integer,
  nullValue,
  octetString,
  oid,
  sequence,
  set,
  time,
  tlv,
  utf8String,
} from "./der.ts";

export interface TlsCertificate {
  key: string;
  cert: string;
}

const SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
const COMMON_NAME = "2.5.4.3";
const SUBJECT_ALT_NAME = "2.5.29.17";
const BASIC_CONSTRAINTS = "2.5.29.19";

/**
 * A self-signed certificate for localhost / 127.0.0.1, built with node:crypto alone: Node 20 can
 * generate keys and sign but has no certificate builder, so the X.509 structure is DER-encoded here
 * (about 60 lines) rather than pulling in node-forge or depending on an `openssl` binary.
 */
export function createSelfSignedCertificate(
  options: {
    commonName?: string;
    days?: number;
    now?: Date;
    keyPair?: { privateKey: KeyObject; publicKey: KeyObject };
  } = {},
): TlsCertificate {
  const { commonName = "localhost", days = 825, now = new Date() } = options;
  const { privateKey, publicKey } = options.keyPair ?? generateKeyPairSync("rsa", { modulusLength: 2048 });
  const algorithm = sequence(oid(SHA256_WITH_RSA), nullValue());
  const name = sequence(set(sequence(oid(COMMON_NAME), utf8String(commonName))));
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  const altNames = sequence(tlv(0x82, Buffer.from(commonName)), tlv(0x87, Buffer.from([127, 0, 0, 1])));
  const extensions = sequence(
    sequence(oid(SUBJECT_ALT_NAME), octetString(altNames)),
    sequence(oid(BASIC_CONSTRAINTS), bool(true), octetString(sequence(bool(true)))),
  );
  const notAfter = new Date(now.getTime() + days * 86_400_000);
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    algorithm,
    name,
    sequence(time(new Date(now.getTime() - 60_000)), time(notAfter)),
    name,
    publicKey.export({ type: "spki", format: "der" }),
    explicit(3, extensions),
  );
  const certificate = sequence(tbs, algorithm, bitString(sign("sha256", tbs, privateKey)));
  const base64 = certificate.toString("base64").replace(/.{64}/g, "$&\n");
  return {
    key: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    cert: `-----BEGIN CERTIFICATE-----\n${base64.trimEnd()}\n-----END CERTIFICATE-----\n`,
  };
}

/** Reuses `tls-key.pem` + `tls-cert.pem` in `dir`, or creates them (so clients can trust the file). */
export function loadOrCreateCertificate(dir: string): TlsCertificate {
  const keyPath = join(dir, "tls-key.pem");
  const certPath = join(dir, "tls-cert.pem");
  if (existsSync(keyPath) && existsSync(certPath)) {
    return { key: readFileSync(keyPath, "utf8"), cert: readFileSync(certPath, "utf8") };
  }
  mkdirSync(dir, { recursive: true });
  const created = createSelfSignedCertificate();
  writeFileSync(keyPath, created.key, { mode: 0o600 });
  writeFileSync(certPath, created.cert);
  return created;
}
