import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { SignJWT } from "jose";
import type { WireEvent } from "./wire-shapes.ts";

/** A scripted Symphony account: its own key pair, and raw fetch against the emulator's REST API. */
export interface Account {
  id: number;
  username: string;
  privateKey: KeyObject;
  publicKeyPem: string;
}

export interface Session {
  sessionToken: string;
  keyManagerToken: string;
}

export function newKeyPair() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { privateKey, publicKeyPem: publicKey.export({ type: "spki", format: "pem" }) as string };
}

/** Key generation is the slow part of a test; one pair serves every account of a test file. */
let shared: ReturnType<typeof newKeyPair> | undefined;
export function sharedKeyPair() {
  shared ??= newKeyPair();
  return shared;
}

export async function devPost(base: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${base}/emulator/v1${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

export async function devJson<T = Record<string, unknown>>(
  base: string,
  path: string,
  body: unknown,
): Promise<T> {
  const res = await devPost(base, path, body);
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export async function createPerson(base: string, username: string, extra: Record<string, unknown> = {}) {
  return devJson<{ id: number; username: string; displayName: string }>(base, "/users", {
    username,
    displayName: `${username[0]!.toUpperCase()}${username.slice(1)} Tester`,
    email: `${username}@example.com`,
    ...extra,
  });
}

export async function createAccount(base: string, username: string, bot = true): Promise<Account> {
  const keys = sharedKeyPair();
  const user = await createPerson(base, username, { bot, publicKey: keys.publicKeyPem });
  return { id: user.id, username, privateKey: keys.privateKey, publicKeyPem: keys.publicKeyPem };
}

export async function signJwt(
  username: string,
  privateKey: KeyObject,
  expSeconds = 240,
  alg = "RS512",
): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg })
    .setSubject(username)
    .setExpirationTime(Math.floor(Date.now() / 1000) + expSeconds)
    .sign(privateKey);
}

export async function login(base: string, account: Account): Promise<Session> {
  const token = await signJwt(account.username, account.privateKey);
  const post = async (path: string) => {
    const res = await fetch(`${base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token }),
    });
    if (res.status !== 200) throw new Error(`${path} → ${res.status} ${await res.text()}`);
    return ((await res.json()) as { token: string }).token;
  };
  return {
    sessionToken: await post("/login/pubkey/authenticate"),
    keyManagerToken: await post("/relay/pubkey/authenticate"),
  };
}

export function authHeaders(session: Session): Record<string, string> {
  return { sessionToken: session.sessionToken, keyManagerToken: session.keyManagerToken };
}

/** REST call with the session headers; JSON body when `json` is given. */
export async function rest(
  base: string,
  session: Session,
  method: string,
  path: string,
  json?: unknown,
): Promise<Response> {
  const headers: Record<string, string> = authHeaders(session);
  if (json !== undefined) headers["content-type"] = "application/json";
  return fetch(`${base}${path}`, {
    method,
    headers,
    body: json === undefined ? undefined : JSON.stringify(json),
  });
}

export async function sendMessage(
  base: string,
  session: Session,
  streamId: string,
  messageML: string,
  data?: unknown,
): Promise<Response> {
  const form = new FormData();
  form.set("message", messageML);
  if (data !== undefined) form.set("data", typeof data === "string" ? data : JSON.stringify(data));
  return fetch(`${base}/agent/v4/stream/${streamId}/message/create`, {
    method: "POST",
    headers: authHeaders(session),
    body: form,
  });
}

export async function readFeed(base: string, session: Session, feedId: string, ackId: string) {
  const res = await rest(base, session, "POST", `/agent/v5/datafeeds/${feedId}/read`, { ackId });
  return {
    status: res.status,
    body: (await res.json()) as { events: WireEvent[]; ackId: string; code?: number },
  };
}

/** Creates a datafeed (v5) for the session's bot; answers its id. */
export async function createFeed(base: string, session: Session): Promise<string> {
  return ((await (await rest(base, session, "POST", "/agent/v5/datafeeds", {})).json()) as { id: string }).id;
}

/** Reads `feedId` until a read comes back empty: every event waiting there, each batch acknowledged by the next read. */
export async function drainFeed(base: string, session: Session, feedId: string): Promise<WireEvent[]> {
  const all: WireEvent[] = [];
  let ackId = "";
  for (;;) {
    const read = await readFeed(base, session, feedId, ackId);
    ackId = read.body.ackId;
    if (read.body.events.length === 0) return all;
    all.push(...read.body.events);
  }
}
