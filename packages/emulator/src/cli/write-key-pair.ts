import { generateKeyPairSync } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** `sprig-emulator keys NAME`: an RSA 4096 key pair for a bot, never overwriting an existing one. */
export function writeKeyPair(name: string, dir: string): { privateKeyPath: string; publicKeyPath: string } {
  const target = resolve(dir);
  mkdirSync(target, { recursive: true });
  const privateKeyPath = join(target, `${name}-private.pem`);
  const publicKeyPath = join(target, `${name}-public.pem`);
  for (const path of [privateKeyPath, publicKeyPath]) {
    if (existsSync(path)) throw new Error(`${path} already exists; remove it or choose another NAME`);
  }
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 4096 });
  writeFileSync(privateKeyPath, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  writeFileSync(publicKeyPath, publicKey.export({ type: "spki", format: "pem" }));
  return { privateKeyPath, publicKeyPath };
}
