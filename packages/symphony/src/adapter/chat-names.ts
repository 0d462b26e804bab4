import type { Action, Chat } from "@sprig/core";
import { toUrlSafeId } from "../rest/stream-id.ts";

/**
 * Room names, so restrictions by room name hold for every action: a message event names its
 * room, but a button press (SYMPHONYELEMENTSACTION) and some member events do not. Names learnt
 * from events are remembered; an unknown one is asked of the pod once.
 */
export class ChatNames {
  private readonly names = new Map<string, string>();

  constructor(
    private readonly lookup: (id: string) => Promise<Chat | undefined>,
    private readonly maxEntries = 10_000,
  ) {}

  remember(streamId: string, name: string | undefined): void {
    if (!name) return;
    const key = toUrlSafeId(streamId);
    if (!this.names.has(key) && this.names.size >= this.maxEntries) {
      const oldest = this.names.keys().next().value;
      if (oldest !== undefined) this.names.delete(oldest);
    }
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
      name = (await this.lookup(where.id).catch(() => undefined))?.name;
      this.remember(where.id, name);
    }
    return name === undefined ? action : { ...action, addressable: { ...where, name } };
  }
}
