/**
 * The secrets of one running bot (session and key-manager tokens, the private key, passwords), so the
 * log destination can blank them out of every line, whatever field or message they strayed into.
 */

/** Shorter values are not registered: blanking them would mangle ordinary text (numbers, ids). */
const MIN_SECRET_LENGTH = 8;
const MASK = "[REDACTED]";

// Secrets we recognise by shape even when nobody registered them.
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const PEM_PRIVATE_KEY =
  /-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----[\s\S]*?-----END \1-----|-----BEGIN [A-Z ]*PRIVATE KEY-----[^"]*/g;

export class SecretRegistry {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined): void {
    if (secret === undefined || secret.length < MIN_SECRET_LENGTH) return;
    this.secrets.add(secret);
    // A secret inside a JSON string is escaped (a PEM's newlines become \n): blank that form too.
    this.secrets.add(JSON.stringify(secret).slice(1, -1));
    for (const line of secret.split(/\r?\n/))
      if (line.length >= 16 && !line.startsWith("-----")) this.secrets.add(line);
  }

  scrub(text: string): string {
    let result = text.replace(PEM_PRIVATE_KEY, MASK).replace(JWT, MASK);
    for (const secret of this.secrets) if (result.includes(secret)) result = result.split(secret).join(MASK);
    return result;
  }
}
