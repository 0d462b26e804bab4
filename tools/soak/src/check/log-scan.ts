/**
 * Secrets in log lines: every session and key-manager token the pod issued during the run, and
 * 24-character pieces of the bot's private key. A line holding any of them is a leak.
 */
export interface Leak {
  readonly line: number;
  /** The line with the secret blanked, so the report itself leaks nothing. */
  readonly excerpt: string;
}

export function findSecrets(lines: readonly string[], secrets: Iterable<string>): Leak[] {
  const wanted = [...secrets].filter((s) => s.length >= 16);
  const leaks: Leak[] = [];
  lines.forEach((text, line) => {
    const found = wanted.filter((s) => text.includes(s));
    if (found.length === 0 && !text.includes("PRIVATE KEY")) return;
    let excerpt = text;
    for (const s of found) excerpt = excerpt.split(s).join("[SECRET]");
    leaks.push({ line, excerpt: excerpt.slice(0, 300) });
  });
  return leaks;
}

/** 24-character pieces of a PEM key's Base64 body: any of them in a log would be key material. */
export function keyPieces(pem: string): string[] {
  return pem
    .split("\n")
    .filter((l) => l.length >= 48 && !l.startsWith("-----"))
    .flatMap((l) => [l.slice(0, 24), l.slice(24, 48)]);
}
