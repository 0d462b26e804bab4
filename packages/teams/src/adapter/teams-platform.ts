/**
 * The core seam on Teams: render a response, deliver it through the conversation's connector
 * (updating the submitted card in place when the response is that form's result), keep the card's
 * record in the state store, and answer history from that store. The n-th response of an action
 * has a send id derived from the action, so a redelivered action skips what an earlier run already
 * delivered.
 */
import type {
  Action,
  HistoryPage,
  HistoryQuery,
  HistoryRecord,
  HistoryStore,
  PlatformAdapter,
  Response,
  User,
} from "@sprig/core";
import { currentAction, currentAttempt, sameAddressable, UndeliverableError } from "@sprig/core";
import type { TeamsConversations } from "../conversations/teams-conversations.ts";
import type { Connector } from "../outbound/connector.ts";
import type { TeamsRenderer } from "../render/teams-renderer.ts";
import type { CardRecord, ConversationRecord, StateStore } from "../state/state-store.ts";

export interface TeamsPlatformParts {
  readonly platform: string;
  readonly botUser: () => User;
  readonly store: StateStore;
  readonly connector: Connector;
  readonly conversations: TeamsConversations;
  readonly renderer: TeamsRenderer;
  readonly newId: () => string;
  readonly now: () => Date;
  /** A work response of the submitted form's type replaces the form's card (default true). */
  readonly updateFormInPlace: boolean;
}

export class TeamsPlatform implements PlatformAdapter {
  readonly platform: string;
  readonly history: HistoryStore;
  readonly conversations: TeamsConversations;
  readonly #parts: TeamsPlatformParts;
  /** Cards already replaced within an action (one result replaces a form, the rest are new). */
  readonly #replaced = new WeakMap<Action, Set<string>>();

  constructor(parts: TeamsPlatformParts) {
    this.#parts = parts;
    this.platform = parts.platform;
    this.conversations = parts.conversations;
    this.history = { find: (query) => this.#find(query) };
  }

  get botUser(): User {
    return this.#parts.botUser();
  }

  async send(response: Response): Promise<void> {
    const attempt = currentAttempt();
    const sendId = attempt ? `${attempt.key}#${attempt.nextResponse()}` : undefined;
    // Looked up on every run, not only when core knows of an earlier one: with a file store the log
    // outlives a restart, which core's in-memory dedupe does not.
    if (sendId && (await this.#parts.store.sent(sendId)) !== undefined) return;
    const conversation = await this.#parts.conversations.conversationFor(response.to);
    const cardId = this.#parts.newId();
    const people =
      this.#parts.renderer.needsPeople(response) && response.to.kind === "chat"
        ? await this.#parts.conversations.members(response.to)
        : response.to.kind === "user"
          ? [response.to]
          : undefined;
    let rendered: ReturnType<TeamsRenderer["render"]>;
    try {
      rendered = this.#parts.renderer.render(response, {
        cardId,
        conversationId: conversation.id,
        time: this.#parts.now(),
        ...(people ? { people } : {}),
      });
    } catch (error) {
      // Rendering is deterministic: a redelivery would fail the same way.
      throw new UndeliverableError(
        `The response could not be rendered for Teams: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    const replaced = await this.#cardToReplace(response, conversation);
    let activityId: string;
    if (replaced?.activityId) {
      await this.#parts.connector.update(conversation.serviceUrl, conversation.id, replaced.activityId, {
        ...rendered.activity,
        id: replaced.activityId,
      });
      activityId = replaced.activityId;
      await this.#parts.store.putCard({ ...replaced, retired: true });
    } else {
      activityId = await this.#parts.connector.send(
        conversation.serviceUrl,
        conversation.id,
        rendered.activity,
      );
    }
    if (rendered.card) await this.#parts.store.putCard({ ...rendered.card, activityId });
    if (sendId) await this.#parts.store.markSent(sendId, activityId);
  }

  async #cardToReplace(
    response: Response,
    conversation: ConversationRecord,
  ): Promise<CardRecord | undefined> {
    if (!this.#parts.updateFormInPlace || response.kind !== "work") return undefined;
    const action = currentAction();
    if (action?.kind !== "form" || !action.formMessageId || action.formId !== response.workType.typeName)
      return undefined;
    if (!sameAddressable(action.addressable, response.to)) return undefined;
    const done = this.#replaced.get(action) ?? new Set<string>();
    if (done.has(action.formMessageId)) return undefined;
    const card = await this.#parts.store.card(action.formMessageId);
    if (!card || card.retired || card.conversationId !== conversation.id) return undefined;
    done.add(action.formMessageId);
    this.#replaced.set(action, done);
    return card;
  }

  async #find(query: HistoryQuery): Promise<HistoryPage<HistoryRecord>> {
    const conversation = await this.#conversationOf(query);
    if (!conversation) return { items: [] };
    const page = await this.#parts.store.findCards({
      conversationId: conversation,
      limit: query.limit,
      ...(query.typeName === undefined ? {} : { typeName: query.typeName }),
      ...(query.tag === undefined ? {} : { tag: query.tag }),
      ...(query.since === undefined ? {} : { since: query.since }),
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    });
    const items = page.items.map((card) => ({
      data: card.data,
      time: new Date(card.time),
      ...(card.activityId ? { messageId: card.cardId } : {}),
    }));
    return page.next === undefined ? { items } : { items, next: page.next };
  }

  async #conversationOf(query: HistoryQuery): Promise<string | undefined> {
    if (query.where.kind === "chat") return query.where.id;
    const userId = query.where.id;
    const personal = (await this.#parts.store.conversations()).find(
      (c) => c.kind === "personal" && c.userId === userId,
    );
    return personal?.id;
  }
}
