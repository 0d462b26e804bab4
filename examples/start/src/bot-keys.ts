import { generateKeyPairSync } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface BotKeyFiles {
  readonly privateKeyPath: string;
  readonly publicKeyPath: string;
}

/**
 * The bot's RSA key pair in `dir` (git-ignored `.sprig/` by default), made on the first run and
 * reused after, as a real deployment keeps its service account's key.
 */
export function ensureBotKeys(dir: string, name: string): BotKeyFiles {
  mkdirSync(dir, { recursive: true });
  const privateKeyPath = join(dir, `${name}-private.pem`);
  const publicKeyPath = join(dir, `${name}-public.pem`);
  if (!existsSync(privateKeyPath) || !existsSync(publicKeyPath)) {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    writeFileSync(privateKeyPath, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
    writeFileSync(publicKeyPath, publicKey.export({ type: "spki", format: "pem" }));
  }
  return { privateKeyPath, publicKeyPath };
}

export function readPublicKey(keys: BotKeyFiles): string {
  return readFileSync(keys.publicKeyPath, "utf8");
}
