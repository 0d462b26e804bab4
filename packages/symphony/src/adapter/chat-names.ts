import type { Action, Chat } from "@sprig/core";
import { LRUCache } from "lru-cache";
import { toUrlSafeId } from "../rest/stream-id.ts";

/**
 * Room names, so restrictions by room name hold for every action: a message event names its
 * room, but a button press (SYMPHONYELEMENTSACTION) and some member events do not. Names learnt
 * from events are remembered; an unknown one is asked of the pod once.
 */
export class ChatNames {
  /** The chats least recently active are forgotten first. */
  private readonly names: LRUCache<string, string>;

  constructor(
    private readonly lookup: (id: string) => Promise<Chat | undefined>,
    maxEntries = 10_000,
  ) {
    this.names = new LRUCache({ max: maxEntries });
  }

  remember(streamId: string, name: string | undefined): void {
    if (name) this.store(toUrlSafeId(streamId), name);
  }

  private store(key: string, name: string): void {
    this.names.set(key, name);
  }

  /** The action, its chat named (unchanged when it has a name already, or is a 1:1). */
  async named<A extends Action>(action: A): Promise<A> {
    const where = action.addressable;
    if (where.kind !== "chat") return action;
    if (where.name) {
      this.remember(where.id, where.name);
      return action;
    }
    let name = this.names.get(toUrlSafeId(where.id));
    if (name === undefined) {
      try {
        // A group chat has no name: remember that too ("") rather than asking on every press.
        name = (await this.lookup(where.id))?.name ?? "";
        this.store(toUrlSafeId(where.id), name);
      } catch {
        // The pod could not say now: go on without the name (a name restriction refuses) and ask next time.
        return action;
      }
    }
    return name === "" ? action : { ...action, addressable: { ...where, name } };
  }
}
