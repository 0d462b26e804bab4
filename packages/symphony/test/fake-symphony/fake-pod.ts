/**
 * A fake Symphony pod + agent + key manager for the adapter's tests, behaving as the upstream contract
 * says: RS512 JWT login, tokens checked on every call, datafeed v2 with ackId semantics (an
 * unacknowledged batch comes back), datafeed v1, and scripted faults in front of any endpoint.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
} from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import type { ServerOptions } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jwtVerify, SignJWT } from "jose";
import { FakeServer, type RecordedRequest, type Reply } from "./fake-server.ts";

export interface FakePodOptions {
  readonly username?: string;
  readonly botId?: number;
  readonly publicKey: KeyObject;
  readonly tls?: ServerOptions;
  /** Session tokens are JWTs allowing simplified key delivery, and the agent reports this version. */
  readonly simplifiedKeyDelivery?: { agentVersion: string };
  /** How long an empty datafeed read is held (ms). */
  readonly longPollMs?: number;
}

interface Feed {
  readonly id: string;
  readonly queue: object[];
  readonly inFlight: Map<string, object[]>;
  waiters: (() => void)[];
}

export class FakePod {
  readonly username: string;
  readonly botId: number;
  sessionLogins = 0;
  keyManagerLogins = 0;
  readonly issuedTokens: string[] = [];
  readonly acknowledgedEventIds: string[] = [];
  readonly feeds = new Map<string, Feed>();
  private readonly sessions = new Set<string>();
  private readonly keyManagerTokens = new Set<string>();
  private readonly faults: {
    method: string;
    path: string | RegExp;
    reply: Reply | ((r: RecordedRequest) => Reply);
  }[] = [];
  private feedCounter = 0;
  private ackCounter = 0;

  private constructor(
    readonly server: FakeServer,
    private readonly options: FakePodOptions,
  ) {
    this.username = options.username ?? "sprig-bot";
    this.botId = options.botId ?? 7696581394433;
  }

  static async start(options: FakePodOptions): Promise<FakePod> {
    const pod = new FakePod(await FakeServer.start(options.tls), options);
    pod.installRoutes();
    return pod;
  }

  get port(): number {
    return this.server.port;
  }

  /** The next matching requests get these replies, in order, before the normal behaviour resumes. */
  fault(
    method: string,
    path: string | RegExp,
    ...replies: (Reply | ((r: RecordedRequest) => Reply))[]
  ): void {
    for (const reply of replies) this.faults.push({ method, path, reply });
  }

  /** Every session and key-manager token stops working (the pod's session expired). */
  expireSessions(): void {
    this.sessions.clear();
    this.keyManagerTokens.clear();
  }

  /** Queues events on every open feed (or on the one given). */
  push(events: object[], feedId?: string): void {
    for (const feed of this.feeds.values()) {
      if (feedId !== undefined && feed.id !== feedId) continue;
      feed.queue.push(...events);
      const waiters = feed.waiters;
      feed.waiters = [];
      for (const wake of waiters) wake();
    }
  }

  /** Makes a feed disappear, as its 30-minute TTL would. */
  dropFeed(feedId: string): void {
    this.feeds.delete(feedId);
  }

  openFeed(id = `${randomBytes(16).toString("hex")}_f`): Feed {
    const feed: Feed = { id, queue: [], inFlight: new Map(), waiters: [] };
    this.feeds.set(id, feed);
    return feed;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private route(
    method: string,
    path: string | RegExp,
    handler: (r: RecordedRequest) => Reply | Promise<Reply>,
  ) {
    this.server.on(method, path, (request) => {
      const index = this.faults.findIndex(
        (f) =>
          f.method === method &&
          (typeof f.path === "string" ? f.path === request.path : f.path.test(request.path)),
      );
      if (index >= 0) {
        const { reply } = this.faults.splice(index, 1)[0]!;
        return typeof reply === "function" ? reply(request) : reply;
      }
      return handler(request);
    });
  }

  private installRoutes(): void {
    this.route("POST", "/login/pubkey/authenticate", async (r) => {
      if (!(await this.validJwt(r))) return unauthorized("Invalid JWT");
      this.sessionLogins++;
      return { json: { name: "sessionToken", token: await this.newSessionToken() } };
    });
    this.route("POST", "/relay/pubkey/authenticate", async (r) => {
      if (!(await this.validJwt(r))) return unauthorized("Invalid JWT");
      return { json: { name: "keyManagerToken", token: this.newKeyManagerToken() } };
    });
    this.route("POST", "/sessionauth/v1/authenticate", async (r) => {
      if (r.clientCertificateCN !== this.username) return unauthorized("Invalid certificate");
      this.sessionLogins++;
      return { json: { name: "sessionToken", token: await this.newSessionToken() } };
    });
    this.route("POST", "/keyauth/v1/authenticate", (r) => {
      if (r.clientCertificateCN !== this.username) return unauthorized("Invalid certificate");
      return { json: { name: "keyManagerToken", token: this.newKeyManagerToken() } };
    });
    this.route("GET", "/agent/v1/info", () => ({
      json: { version: this.options.simplifiedKeyDelivery?.agentVersion ?? "Agent-23.9.0-Linux" },
    }));
    this.route("GET", "/pod/v2/sessioninfo", (r) =>
      this.pod(r, () => ({
        json: { id: this.botId, username: this.username, displayName: "Sprig Bot", accountType: "SYSTEM" },
      })),
    );
    this.installDatafeedV2();
    this.installDatafeedV1();
  }

  private installDatafeedV2(): void {
    this.route("GET", "/agent/v5/datafeeds", (r) =>
      this.agent(r, () => ({ json: [...this.feeds.values()].map((f) => ({ id: f.id, type: "fanout" })) })),
    );
    this.route("POST", "/agent/v5/datafeeds", (r) =>
      this.agent(r, () => ({ status: 201, json: { id: this.openFeed().id, type: "fanout" } })),
    );
    this.route("DELETE", /^\/agent\/v5\/datafeeds\/[^/]+$/, (r) =>
      this.agent(r, () => {
        const id = decodeURIComponent(r.path.split("/")[4]!);
        if (!this.feeds.delete(id)) return { status: 400, json: { code: 400, message: "Unknown datafeed" } };
        return { status: 204 };
      }),
    );
    this.route("POST", /^\/agent\/v5\/datafeeds\/[^/]+\/read$/, (r) =>
      this.agent(r, () => this.readV2(decodeURIComponent(r.path.split("/")[4]!), r)),
    );
  }

  private async readV2(feedId: string, request: RecordedRequest): Promise<Reply> {
    const feed = this.feeds.get(feedId);
    if (!feed) return { status: 400, json: { code: 400, message: "The datafeed does not exist" } };
    const ackId = (request.json as { ackId?: string } | undefined)?.ackId ?? "";
    const acked = feed.inFlight.get(ackId);
    if (acked) {
      feed.inFlight.delete(ackId);
      this.acknowledgedEventIds.push(...acked.map((e) => (e as { id: string }).id));
    }
    // What is still in flight was not acknowledged: deliver it again (a visibility timeout of zero).
    for (const [id, events] of feed.inFlight) {
      feed.inFlight.delete(id);
      feed.queue.unshift(...events);
    }
    if (feed.queue.length === 0) await this.waitForEvents(feed, request);
    const events = feed.queue.splice(0);
    const newAckId = events.length > 0 ? `ack-${++this.ackCounter}` : ackId;
    if (events.length > 0) feed.inFlight.set(newAckId, events);
    return { json: { events, ackId: newAckId } };
  }

  private waitForEvents(feed: Feed, request: RecordedRequest): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.options.longPollMs ?? 100);
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      feed.waiters.push(wake);
      void request.closed.then(wake);
    });
  }

  private installDatafeedV1(): void {
    this.route("POST", "/agent/v4/datafeed/create", (r) =>
      this.agent(r, () => ({ json: { id: this.openFeed(`v1-${++this.feedCounter}`).id } })),
    );
    this.route("GET", /^\/agent\/v4\/datafeed\/[^/]+\/read$/, (r) =>
      this.agent(r, async () => {
        const feed = this.feeds.get(decodeURIComponent(r.path.split("/")[4]!));
        if (!feed) return { status: 400, json: { code: 400, message: "Unknown datafeed" } };
        if (feed.queue.length === 0) await this.waitForEvents(feed, r);
        const events = feed.queue.splice(0);
        return events.length === 0 ? { status: 204 } : { json: events };
      }),
    );
  }

  /** Pod endpoints need a valid session token. */
  pod(request: RecordedRequest, handler: () => Reply | Promise<Reply>): Reply | Promise<Reply> {
    if (!this.sessions.has(String(request.headers.sessiontoken))) return unauthorized("Invalid session");
    return handler();
  }

  /** Agent endpoints need the session token and the key-manager token ("" with simplified key delivery). */
  agent(request: RecordedRequest, handler: () => Reply | Promise<Reply>): Reply | Promise<Reply> {
    const km = String(request.headers.keymanagertoken ?? "");
    const kmValid = this.options.simplifiedKeyDelivery ? km === "" : this.keyManagerTokens.has(km);
    if (!this.sessions.has(String(request.headers.sessiontoken)) || !kmValid)
      return unauthorized("Invalid session");
    return handler();
  }

  private async validJwt(request: RecordedRequest): Promise<boolean> {
    const token = (request.json as { token?: string } | undefined)?.token;
    if (!token) return false;
    try {
      const { payload } = await jwtVerify(token, this.options.publicKey, {
        algorithms: ["RS512"],
        subject: this.username,
      });
      // The pod refuses an expiry more than 5 minutes ahead.
      return typeof payload.exp === "number" && payload.exp - Date.now() / 1000 <= 300;
    } catch {
      return false;
    }
  }

  private async newSessionToken(): Promise<string> {
    const token = this.options.simplifiedKeyDelivery
      ? await new SignJWT({ canUseSimplifiedKeyDelivery: true })
          .setProtectedHeader({ alg: "HS256" })
          .setSubject(this.username)
          .sign(randomBytes(32))
      : `session-${randomBytes(24).toString("hex")}`;
    this.sessions.add(token);
    this.issuedTokens.push(token);
    return token;
  }

  private newKeyManagerToken(): string {
    this.keyManagerLogins++;
    const token = `km-${randomBytes(24).toString("hex")}`;
    this.keyManagerTokens.add(token);
    this.issuedTokens.push(token);
    return token;
  }
}

function unauthorized(message: string): Reply {
  return { status: 401, json: { code: 401, message } };
}

/**
 * A 2048-bit RSA key pair for the bot (PKCS#8 and PKCS#1 PEM of the same key), and optionally a
 * second, different one. Generating one costs a few hundred ms on a busy machine, so the test files
 * share them through a cache file in the temp folder (written whole, then renamed into place).
 */
export function botKeyPair(variant: "main" | "other" = "main") {
  const cache = join(tmpdir(), `sprig-symphony-test-${variant}-key-${process.getuid?.() ?? 0}.pem`);
  let pem: string | undefined;
  try {
    pem = readFileSync(cache, "utf8");
  } catch {
    pem = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
      type: "pkcs8",
      format: "pem",
    }) as string;
    const partial = `${cache}.${process.pid}.${randomBytes(4).toString("hex")}`;
    writeFileSync(partial, pem, { mode: 0o600 });
    renameSync(partial, cache);
  }
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  return {
    publicKey,
    pkcs8: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    pkcs1: privateKey.export({ type: "pkcs1", format: "pem" }) as string,
  };
}
