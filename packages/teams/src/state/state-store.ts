/**
 * Teams messages carry no data, so what a card was made from lives here: one record per card the
 * bot sent (its work object, tags, the controls it offered, the run-time form data), the
 * conversations the bot is in (with the service URL to reach each), and the send ids already
 * delivered (so a redelivered action's answer is never sent twice). Records of a conversation are
 * ordered by a sequence number and read newest first, a page at a time; that backs core's history.
 *
 * `MemoryStateStore` keeps it in the process; `FileStateStore` also appends every change to a
 * JSON-lines file and replays it on start (a later Redis store implements the same interface).
 */
import type { OfferedControls } from "@sprig/core";

export interface CardRecord {
  /** sprig's id of the card: every press on it names it. */
  readonly cardId: string;
  /** The Teams conversation the card is in. */
  readonly conversationId: string;
  /** The Teams activity that shows it, once sent. */
  readonly activityId?: string;
  /** The form id presses on it report (a work type name, or a message form's id). */
  readonly formId?: string;
  readonly typeName?: string;
  readonly tags: readonly string[];
  /** The encoded work object; absent for drafts and plain messages with buttons. */
  readonly data?: unknown;
  readonly offered: OfferedControls;
  /**
   * Ids of the card's inputs. A card client leaves out inputs left empty; a submit of an edit card
   * gets them back as "" so the schema speaks about every field, as it does on Symphony.
   */
  readonly inputs?: readonly string[];
  readonly formData?: Readonly<Record<string, unknown>>;
  /** ISO time the card was sent. */
  readonly time: string;
  /** Replaced by another card (updated in place): no longer the conversation's state. */
  readonly retired?: boolean;
}

export type ConversationKind = "personal" | "groupChat" | "channel";

export interface ConversationRecord {
  readonly id: string;
  readonly kind: ConversationKind;
  /** Where the Bot Framework connector for this conversation listens. */
  readonly serviceUrl: string;
  readonly tenantId?: string;
  readonly name?: string;
  /** For a 1:1: the person the bot talks to. */
  readonly userId?: string;
  readonly userName?: string;
  /** The bot was removed (uninstalled, or left the chat). */
  readonly gone?: boolean;
}

export interface CardQuery {
  readonly conversationId: string;
  readonly typeName?: string;
  readonly tag?: string;
  readonly since?: Date;
  readonly limit: number;
  readonly cursor?: string;
}

export interface StoredCard extends CardRecord {
  /** Order of writing in the store: newer cards have larger numbers. */
  readonly seq: number;
}

export interface StateStore {
  putCard(card: CardRecord): Promise<void>;
  card(cardId: string): Promise<StoredCard | undefined>;
  /** Work cards of a conversation (not retired, with data), newest first. */
  findCards(query: CardQuery): Promise<{ items: readonly StoredCard[]; next?: string }>;
  putConversation(conversation: ConversationRecord): Promise<void>;
  conversation(id: string): Promise<ConversationRecord | undefined>;
  conversations(): Promise<readonly ConversationRecord[]>;
  /** The activity a send id was delivered as, if it was. */
  sent(sendId: string): Promise<string | undefined>;
  markSent(sendId: string, activityId: string): Promise<void>;
}

export type StateChange =
  | { readonly op: "card"; readonly card: StoredCard }
  | { readonly op: "conversation"; readonly conversation: ConversationRecord }
  | { readonly op: "sent"; readonly sendId: string; readonly activityId: string };

export class MemoryStateStore implements StateStore {
  readonly #cards = new Map<string, StoredCard>();
  readonly #byConversation = new Map<string, StoredCard[]>();
  readonly #conversations = new Map<string, ConversationRecord>();
  readonly #sent = new Map<string, string>();
  #seq = 0;

  async putCard(card: CardRecord): Promise<void> {
    // A card written again (sent, retired) keeps its place in the order.
    const seq = this.#cards.get(card.cardId)?.seq ?? ++this.#seq;
    await this.record({ op: "card", card: { ...card, seq } });
  }

  async card(cardId: string): Promise<StoredCard | undefined> {
    return this.#cards.get(cardId);
  }

  async findCards(query: CardQuery): Promise<{ items: readonly StoredCard[]; next?: string }> {
    const before = query.cursor === undefined ? Number.POSITIVE_INFINITY : Number(query.cursor);
    const all = this.#byConversation.get(query.conversationId) ?? [];
    const items: StoredCard[] = [];
    for (let i = all.length - 1; i >= 0 && items.length <= query.limit; i--) {
      const card = this.#cards.get(all[i]!.cardId)!;
      if (card.seq >= before || card.retired || card.data === undefined) continue;
      if (query.typeName !== undefined && card.typeName !== query.typeName) continue;
      if (query.tag !== undefined && !card.tags.includes(query.tag)) continue;
      if (query.since && new Date(card.time) < query.since) continue;
      items.push(card);
    }
    if (items.length <= query.limit) return { items };
    const page = items.slice(0, query.limit);
    return { items: page, next: String(page[page.length - 1]!.seq) };
  }

  async putConversation(conversation: ConversationRecord): Promise<void> {
    await this.record({ op: "conversation", conversation });
  }

  async conversation(id: string): Promise<ConversationRecord | undefined> {
    return this.#conversations.get(id);
  }

  async conversations(): Promise<readonly ConversationRecord[]> {
    return [...this.#conversations.values()];
  }

  async sent(sendId: string): Promise<string | undefined> {
    return this.#sent.get(sendId);
  }

  async markSent(sendId: string, activityId: string): Promise<void> {
    await this.record({ op: "sent", sendId, activityId });
  }

  /** Keeps one change: here, in memory only. */
  protected async record(change: StateChange): Promise<void> {
    this.apply(change);
  }

  /** Applies one change (also when replaying a file). */
  protected apply(change: StateChange): void {
    if (change.op === "card") {
      const card = change.card;
      this.#seq = Math.max(this.#seq, card.seq);
      const existing = this.#cards.get(card.cardId);
      this.#cards.set(card.cardId, card);
      if (!existing) {
        const list = this.#byConversation.get(card.conversationId) ?? [];
        list.push(card);
        this.#byConversation.set(card.conversationId, list);
      }
    } else if (change.op === "conversation") {
      this.#conversations.set(change.conversation.id, change.conversation);
    } else {
      this.#sent.set(change.sendId, change.activityId);
    }
  }
}
