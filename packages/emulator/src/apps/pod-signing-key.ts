import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { createSelfSignedCertificate } from "../tls/self-signed-certificate.ts";

export interface PodSigningKey {
  readonly privateKey: KeyObject;
  /** The pod certificate, PEM: what `GET /pod/v1/podcert` answers, so apps can check the pod's JWTs. */
  readonly certificatePem: string;
}

const KEY_FILE = "pod-jwt-key.pem";
const CERT_FILE = "pod-jwt-cert.pem";

/**
 * The key the pod signs user JWTs with (the extension-app flow) and its certificate. Made on first
 * use, not at start (an RSA key costs a noticeable moment and most runs never need one); with a data
 * dir it is kept there, so JWTs and the certificate an app cached stay valid across restarts, as on
 * a pod.
 */
export function podSigningKey(dataDir: string | undefined): () => Promise<PodSigningKey> {
  let made: Promise<PodSigningKey> | undefined;
  return () => {
    made ??= load(dataDir).catch((error: unknown) => {
      made = undefined;
      throw error;
    });
    return made;
  };
}

async function load(dataDir: string | undefined): Promise<PodSigningKey> {
  if (dataDir && existsSync(join(dataDir, KEY_FILE)) && existsSync(join(dataDir, CERT_FILE))) {
    return {
      privateKey: createPrivateKey(readFileSync(join(dataDir, KEY_FILE), "utf8")),
      certificatePem: readFileSync(join(dataDir, CERT_FILE), "utf8"),
    };
  }
  const { privateKey } = await promisify(generateKeyPair)("rsa", { modulusLength: 2048 });
  const created = createSelfSignedCertificate({
    commonName: "sprig-emulator-pod",
    keyPair: { privateKey, publicKey: createPublicKey(privateKey) },
  });
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, KEY_FILE), created.key, { mode: 0o600 });
    writeFileSync(join(dataDir, CERT_FILE), created.cert);
  }
  return { privateKey, certificatePem: created.cert };
}
