import { badRequest } from "../http/api-error.ts";
import type { Pod } from "../runtime/pod.ts";
import type { UserRecord } from "../store/records.ts";

/** The categories a pod knows (`V2PresenceStatus.category`). */
export const PRESENCE_CATEGORIES = [
  "UNDEFINED",
  "AVAILABLE",
  "BUSY",
  "DO_NOT_DISTURB",
  "ON_THE_PHONE",
  "BE_RIGHT_BACK",
  "IN_A_MEETING",
  "AWAY",
  "OUT_OF_OFFICE",
  "OFF_WORK",
  "OFFLINE",
] as const;

export interface Presence {
  userId: number;
  category: string;
  timestamp: number;
}

/** A presence feed: the latest change of each person since the feed was last read. */
interface PresenceFeed {
  ownerId: number;
  changes: Map<number, Presence>;
}

/**
 * Presence, as the pod keeps it: ephemeral (not persisted), AVAILABLE until someone sets it; a
 * person of another company reads as OFFLINE to a `local` query. Presence feeds collect changes.
 */
export class PresenceBook {
  private readonly feeds = new Map<string, PresenceFeed>();

  constructor(private readonly pod: Pod) {}

  of(user: UserRecord, local = false): Presence {
    if (local && user.external)
      return { userId: user.id, category: "OFFLINE", timestamp: this.pod.clock.now() };
    const known = this.pod.store.presence.get(user.id);
    return {
      userId: user.id,
      category: known?.category ?? "AVAILABLE",
      timestamp: known?.timestamp ?? this.pod.clock.now(),
    };
  }

  /** Sets it; `soft` keeps an OFFLINE or away-like status a person chose (as the pod's `soft=true`). */
  set(user: UserRecord, category: unknown, soft = false): Presence {
    const wanted = typeof category === "string" ? category.toUpperCase() : undefined;
    if (!wanted || !(PRESENCE_CATEGORIES as readonly string[]).includes(wanted)) {
      throw badRequest(
        `"category" must be one of ${PRESENCE_CATEGORIES.join(", ")}; got ${JSON.stringify(category)}`,
        "INVALID_FIELD",
      );
    }
    const current = this.of(user);
    if (soft && ["OFFLINE", "AWAY", "OUT_OF_OFFICE", "OFF_WORK"].includes(current.category)) return current;
    const presence = { userId: user.id, category: wanted, timestamp: this.pod.clock.now() };
    this.pod.store.presence.set(user.id, { category: wanted, timestamp: presence.timestamp });
    for (const feed of this.feeds.values()) feed.changes.set(user.id, presence);
    return presence;
  }

  createFeed(owner: UserRecord): string {
    const id = this.pod.ids.token();
    this.feeds.set(id, { ownerId: owner.id, changes: new Map() });
    return id;
  }

  /** The changes since the last read (each person's latest), and empties the feed. */
  readFeed(owner: UserRecord, id: string): Presence[] {
    const feed = this.feedOf(owner, id);
    const changes = [...feed.changes.values()];
    feed.changes.clear();
    return changes;
  }

  deleteFeed(owner: UserRecord, id: string): void {
    this.feedOf(owner, id);
    this.feeds.delete(id);
  }

  clear(): void {
    this.feeds.clear();
  }

  private feedOf(owner: UserRecord, id: string): PresenceFeed {
    const feed = this.feeds.get(id);
    // Someone else's feed reads as no feed: its id tells nothing.
    if (!feed || feed.ownerId !== owner.id)
      throw badRequest(`No presence feed ${JSON.stringify(id)}: create one first`, "UNKNOWN_FEED");
    return feed;
  }
}
