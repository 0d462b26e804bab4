/**
 * The Teams adapter's `StateStore` on Redis, so several instances of a Teams bot share what its
 * cards were made from, its conversations and the send ids already delivered. A card is one string
 * (`<seq>|<json>`); each conversation's cards are a sorted set by sequence (newest read first); the
 * sequence comes from one counter, taken once per card by a Lua script (a rewrite keeps its place).
 */
import type { CardQuery, CardRecord, ConversationRecord, StateStore, StoredCard } from "@sprig/teams";
import type { RedisConnection } from "../connection/connect-redis.ts";
import { runScript, script, unavailable } from "../connection/scripts.ts";

const PUT_CARD = script(
  `
local seq = redis.call('HGET', KEYS[2], ARGV[1])
if not seq then
  seq = redis.call('INCR', KEYS[3])
  redis.call('HSET', KEYS[2], ARGV[1], seq)
  redis.call('ZADD', KEYS[4], seq, ARGV[1])
end
redis.call('SET', KEYS[1], seq .. '|' .. ARGV[2])
return seq
`,
  "teams put card",
);

/** Cards read per round trip while paging a conversation. */
const CHUNK = 50;

export class RedisStateStore implements StateStore {
  readonly #redis: RedisConnection;
  readonly #base: string;

  /** `namespace` separates bots (or tests) sharing one Redis (default "teams"). */
  constructor(redis: RedisConnection, namespace = "teams") {
    this.#redis = redis;
    this.#base = `${redis.prefix}:${namespace}`;
  }

  async putCard(card: CardRecord): Promise<void> {
    await runScript(
      this.#redis.client,
      PUT_CARD,
      [this.#card(card.cardId), `${this.#base}:seqs`, `${this.#base}:seq`, this.#cards(card.conversationId)],
      [card.cardId, JSON.stringify(card)],
    );
  }

  async card(cardId: string): Promise<StoredCard | undefined> {
    return parseCard(await this.#call(() => this.#redis.client.get(this.#card(cardId))));
  }

  async findCards(query: CardQuery): Promise<{ items: readonly StoredCard[]; next?: string }> {
    const items: StoredCard[] = [];
    let before = query.cursor === undefined ? "+inf" : `(${Number(query.cursor)}`;
    while (items.length <= query.limit) {
      const ids = await this.#call(() =>
        this.#redis.client.zRange(this.#cards(query.conversationId), before, "-inf", {
          BY: "SCORE",
          REV: true,
          LIMIT: { offset: 0, count: CHUNK },
        }),
      );
      if (ids.length === 0) break;
      const cards = await this.#call(() => this.#redis.client.mGet(ids.map((id) => this.#card(id))));
      for (const raw of cards) {
        const card = parseCard(raw);
        if (!card) continue;
        before = `(${card.seq}`;
        if (card.retired || card.data === undefined) continue;
        if (query.typeName !== undefined && card.typeName !== query.typeName) continue;
        if (query.tag !== undefined && !card.tags.includes(query.tag)) continue;
        if (query.since && new Date(card.time) < query.since) continue;
        items.push(card);
        if (items.length > query.limit) break;
      }
      if (ids.length < CHUNK) break;
    }
    if (items.length <= query.limit) return { items };
    const page = items.slice(0, query.limit);
    return { items: page, next: String(page[page.length - 1]!.seq) };
  }

  async putConversation(conversation: ConversationRecord): Promise<void> {
    await this.#call(() =>
      this.#redis.client.hSet(`${this.#base}:conversations`, conversation.id, JSON.stringify(conversation)),
    );
  }

  async conversation(id: string): Promise<ConversationRecord | undefined> {
    const raw = await this.#call(() => this.#redis.client.hGet(`${this.#base}:conversations`, id));
    return raw == null ? undefined : (JSON.parse(String(raw)) as ConversationRecord);
  }

  async conversations(): Promise<readonly ConversationRecord[]> {
    const all = await this.#call(() => this.#redis.client.hVals(`${this.#base}:conversations`));
    return all.map((raw) => JSON.parse(String(raw)) as ConversationRecord);
  }

  async sent(sendId: string): Promise<string | undefined> {
    const raw = await this.#call(() => this.#redis.client.hGet(`${this.#base}:sent`, sendId));
    return raw == null ? undefined : String(raw);
  }

  async markSent(sendId: string, activityId: string): Promise<void> {
    await this.#call(() => this.#redis.client.hSet(`${this.#base}:sent`, sendId, activityId));
  }

  async #call<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      throw unavailable(error);
    }
  }

  #card(cardId: string): string {
    return `${this.#base}:card:${cardId}`;
  }

  #cards(conversationId: string): string {
    return `${this.#base}:cards:${conversationId}`;
  }
}

function parseCard(raw: unknown): StoredCard | undefined {
  if (raw == null) return undefined;
  const text = String(raw);
  const bar = text.indexOf("|");
  return { ...(JSON.parse(text.slice(bar + 1)) as CardRecord), seq: Number(text.slice(0, bar)) };
}
