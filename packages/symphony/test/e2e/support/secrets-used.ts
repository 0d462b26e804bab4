/**
 * The secret material of an e2e run, gathered so a test can look for it in the log lines: every
 * token the adapter used, across logins, and pieces of the bot's private key.
 */
import type { SessionTokens } from "../../../src/index.ts";
import type { E2eChat } from "./e2e-chat.ts";

/** Records every session and key-manager token the adapter uses from now on, starting with the current pair. */
export async function recordUsedTokens(chat: E2eChat): Promise<{ used: Set<string>; first: SessionTokens }> {
  const used = new Set<string>();
  const session = chat.running.connection.session;
  const tokens = session.tokens.bind(session);
  session.tokens = async (): Promise<SessionTokens> => {
    const current = await tokens();
    used.add(current.sessionToken);
    used.add(current.keyManagerToken);
    return current;
  };
  const first = await tokens();
  used.add(first.sessionToken);
  used.add(first.keyManagerToken);
  return { used, first };
}

/** 24-character pieces of the key's Base64 body: any of them in a log would be key material. */
export function bodyChunksOf(pem: string): string[] {
  return pem
    .split("\n")
    .filter((l) => l.length >= 48 && !l.startsWith("-----"))
    .flatMap((l) => [l.slice(0, 24), l.slice(24, 48)]);
}
