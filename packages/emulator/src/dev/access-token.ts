import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isIP } from "node:net";

export const ACCESS_TOKEN_COOKIE = "sprig-emulator-token";

/** 127.0.0.0/8 and ::1 (also as IPv4-mapped): only this machine can connect. */
export function isLoopbackAddress(address: string): boolean {
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith("127.");
  return address === "::1";
}

/**
 * When the emulator listens beyond this machine, anyone who can reach it could act as anyone through
 * the dev API (`/emulator/v1/*`) and the web chat (`/`): both want the token printed at start, as
 * `Authorization: Bearer`, `?token=` or the cookie. Opening `/` with a valid `?token=` sets the cookie
 * (HttpOnly, SameSite=Strict), so the web app's own fetch and EventSource calls carry it unchanged.
 * The bot's REST API keeps its own authentication; the app's static files (`/app/*`) need none.
 * Returns false when it answered 401 itself.
 */
export function checkAccessToken(token: string, req: IncomingMessage, res: ServerResponse): boolean {
  let url: URL;
  try {
    url = new URL(req.url ?? "/", "http://emulator.local");
  } catch {
    return true; // the dispatcher answers a malformed URL
  }
  const guarded = url.pathname === "/" || url.pathname.startsWith("/emulator/");
  if (!guarded) return true;
  const fromQuery = url.searchParams.get("token");
  const offered = [bearer(req), fromQuery, cookie(req, ACCESS_TOKEN_COOKIE)];
  if (!offered.some((candidate) => candidate !== undefined && candidate !== null && same(candidate, token))) {
    const body = JSON.stringify({
      code: 401,
      message:
        "This emulator listens beyond this machine: give the access token it printed at start (open the printed URL with ?token=, or send Authorization: Bearer <token>)",
      reason: "ACCESS_TOKEN_REQUIRED",
    });
    res.writeHead(401, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
      "www-authenticate": "Bearer",
    });
    res.end(body);
    req.resume();
    return false;
  }
  if (url.pathname === "/" && fromQuery !== null && same(fromQuery, token)) {
    res.setHeader("set-cookie", `${ACCESS_TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`);
  }
  return true;
}

function same(candidate: string, token: string): boolean {
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearer(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
  return match?.[1];
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
