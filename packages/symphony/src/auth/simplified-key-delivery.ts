import { decodeJwt } from "jose";

/**
 * Simplified key delivery: a pod that delivers keys itself marks its session token (then a JWT) with
 * `canUseSimplifiedKeyDelivery: true`; if the agent is 24.12 or later too, the key-manager login is
 * skipped and an empty key-manager token is sent. An opaque session token never qualifies.
 */
export function sessionTokenAllowsSkd(sessionToken: string): boolean {
  try {
    return decodeJwt(sessionToken).canUseSimplifiedKeyDelivery === true;
  } catch {
    return false;
  }
}

/** `GET /agent/v1/info` version, e.g. "Agent-24.12.1-…": 24.12 or later. */
export function agentVersionAllowsSkd(version: unknown): boolean {
  if (typeof version !== "string") return false;
  const match = /^Agent-(\d+)\.(\d+)\./.exec(version);
  if (!match) return false;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  return major > 24 || (major === 24 && minor >= 12);
}
