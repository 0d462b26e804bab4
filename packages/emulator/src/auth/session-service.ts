import { unauthorized } from "../http/api-error.ts";
import type { RequestContext } from "../http/request-context.ts";
import type { IdSource } from "../ids/id-source.ts";
import type { Change } from "../persistence/change.ts";
import type { Clock } from "../runtime/clock.ts";
import type { PodStore } from "../store/pod-store.ts";
import type { SessionRecord, UserRecord } from "../store/records.ts";

/**
 * Session and key-manager tokens: opaque, with a TTL; an expired token answers 401 everywhere.
 * Expired tokens are swept on a timer too, so a bot that logs in again and again (or many bots)
 * cannot grow the table without bound.
 */
export class SessionService {
  private sweepTimer: unknown;

  constructor(
    private readonly store: PodStore,
    private readonly ids: IdSource,
    private readonly clock: Clock,
    private readonly ttlMs: number,
    private readonly changed: (change: Change) => void = () => {},
  ) {
    this.scheduleSweep();
  }

  private scheduleSweep(): void {
    this.sweepTimer = this.clock.setTimeout(
      () => {
        this.sweep();
        this.scheduleSweep();
      },
      Math.max(1000, Math.min(60_000, this.ttlMs)),
    );
  }

  /** Drops every expired token; returns how many. (Not journalled: a reload drops them again.) */
  sweep(): number {
    const now = this.clock.now();
    let swept = 0;
    for (const [token, record] of this.store.sessions) {
      if (record.expiresAt <= now) {
        this.store.sessions.delete(token);
        swept++;
      }
    }
    return swept;
  }

  /** Stop sweeping (the emulator is closing). */
  dispose(): void {
    this.clock.clearTimeout(this.sweepTimer);
  }

  /** `appId`: an app's own session (kind "app"), or a session it holds on behalf of `userId` (OBO). */
  issue(userId: number, kind: SessionRecord["kind"], appId?: string): SessionRecord {
    const record: SessionRecord = {
      token: this.ids.token(),
      kind,
      userId,
      expiresAt: this.clock.now() + this.ttlMs,
      ...(appId === undefined ? {} : { appId }),
    };
    this.store.sessions.set(record.token, record);
    this.changed({ kind: "session", session: record });
    return record;
  }

  resolve(token: string | undefined, kind: SessionRecord["kind"]): UserRecord | undefined {
    const record = this.live(token, kind);
    return record && this.store.users.get(record.userId);
  }

  /** The unexpired session of this kind the token names. */
  live(token: string | undefined, kind: SessionRecord["kind"]): SessionRecord | undefined {
    if (!token) return undefined;
    const record = this.store.sessions.get(token);
    if (!record || record.kind !== kind) return undefined;
    if (record.expiresAt <= this.clock.now()) {
      this.store.sessions.delete(token);
      return undefined;
    }
    return record;
  }

  /** Logout: the token stops working at once. */
  end(token: string): void {
    this.store.sessions.delete(token);
    this.changed({ kind: "sessionEnded", token });
  }

  expireAll(): number {
    const count = this.store.sessions.size;
    this.store.sessions.clear();
    this.changed({ kind: "sessionsCleared" });
    return count;
  }

  /**
   * Pod calls need `sessionToken`; agent calls need `sessionToken` and `keyManagerToken` — except
   * with a session an app holds on behalf of a user (OBO), which the agent takes alone.
   */
  authenticate(ctx: RequestContext, api: "pod" | "agent"): UserRecord {
    const sessionToken = ctx.header("sessionToken");
    if (!sessionToken) throw unauthorized("Missing sessionToken header");
    const record = this.live(sessionToken, "session");
    const user = record && this.store.users.get(record.userId);
    if (!user)
      throw unauthorized("Invalid session: the sessionToken is unknown or expired; authenticate again");
    if (api === "agent" && record.appId === undefined) {
      const kmToken = ctx.header("keyManagerToken");
      if (!kmToken) throw unauthorized("Missing keyManagerToken header");
      const kmUser = this.resolve(kmToken, "keyManager");
      if (!kmUser || kmUser.id !== user.id) {
        throw unauthorized("Invalid keyManagerToken: unknown, expired, or issued to another account");
      }
    }
    return user;
  }
}
