/**
 * Who and where on Teams: the conversations the bot is in (learnt from installation and
 * conversationUpdate events and from every activity, kept in the state store with their service
 * URL), their members (the connector's roster, cached until a membership change), admins where
 * Teams says so (members whose `userRole` is owner or admin), and its 1:1s: the people of the
 * personal conversations it knows, and a 1:1 it opens itself with someone it has none with yet.
 * Teams does not let a bot create a group chat or add people to one: `ensureChat` says so with a
 * coded error rather than pretending.
 */
import type { Chat, Conversations, User } from "@sprig/core";
import { Chat as Chats, UserError, User as Users } from "@sprig/core";
import type { Connector } from "../outbound/connector.ts";
import type { ConversationRecord, StateStore } from "../state/state-store.ts";

export const TEAMS_PLATFORM = "teams";

export const TeamsErrorCode = Object.freeze({
  CannotCreateChat: "teams.cannot_create_chat",
  CannotAddMembers: "teams.cannot_add_members",
  UnknownConversation: "teams.unknown_conversation",
  NoServiceUrl: "teams.no_service_url",
});

const ADMIN_ROLES = new Set(["owner", "admin", "administrator"]);

export class TeamsConversations implements Conversations {
  readonly #store: StateStore;
  readonly #connector: Connector;
  readonly #botId: () => string;
  readonly #members = new Map<string, Promise<readonly { user: User; role?: string }[]>>();
  readonly #users = new Map<string, User>();
  /** Where each person was last seen: the service URL and tenant to open a 1:1 with them. */
  readonly #seenAt = new Map<string, { serviceUrl: string; tenantId?: string }>();

  constructor(store: StateStore, connector: Connector, botId: () => string) {
    this.#store = store;
    this.#connector = connector;
    this.#botId = botId;
  }

  /** Remembers a person from an activity or a roster. */
  see(user: User, where?: { serviceUrl: string; tenantId?: string }): void {
    const known = this.#users.get(user.id);
    if (!known || (user.name && known.name !== user.name)) this.#users.set(user.id, user);
    if (where) this.#seenAt.set(user.id, where);
  }

  /** The roster changed: read it again next time. */
  forgetMembers(conversationId: string): void {
    this.#members.delete(conversationId);
  }

  async chats(): Promise<readonly Chat[]> {
    return (await this.#store.conversations()).filter((c) => c.kind !== "personal" && !c.gone).map(chatOf);
  }

  /** The person of each personal conversation the bot is still in, each once. */
  async ims(): Promise<readonly User[]> {
    const people = new Map<string, User>();
    for (const c of await this.#store.conversations()) {
      if (c.kind !== "personal" || c.gone || !c.userId || people.has(c.userId)) continue;
      people.set(c.userId, this.#users.get(c.userId) ?? Users.of(TEAMS_PLATFORM, c.userId, c.userName));
    }
    return [...people.values()];
  }

  async chatById(id: string): Promise<Chat | undefined> {
    const found = await this.#store.conversation(id);
    return found && found.kind !== "personal" && !found.gone ? chatOf(found) : undefined;
  }

  async chatByName(name: string): Promise<Chat | undefined> {
    return (await this.chats()).find((c) => c.name === name);
  }

  async members(chat: Chat): Promise<readonly User[]> {
    return (await this.#roster(chat.id)).map((m) => m.user);
  }

  async admins(chat: Chat): Promise<readonly User[]> {
    return (await this.#roster(chat.id)).filter((m) => ADMIN_ROLES.has(m.role ?? "")).map((m) => m.user);
  }

  async userById(id: string): Promise<User | undefined> {
    return this.#users.get(id);
  }

  async ensureChat(name: string, members: readonly User[]): Promise<Chat> {
    const existing = await this.chatByName(name);
    if (!existing) {
      throw new UserError(
        `Teams does not let a bot create the group chat "${name}": create it in Teams and add the bot, or send to each person's 1:1 instead.`,
        { code: TeamsErrorCode.CannotCreateChat },
      );
    }
    const present = new Set((await this.members(existing)).map((u) => u.id));
    const missing = members.filter((m) => !present.has(m.id));
    if (missing.length > 0) {
      throw new UserError(
        `Teams does not let a bot add people to "${name}"; add ${missing.map((m) => m.name ?? m.id).join(", ")} in Teams.`,
        { code: TeamsErrorCode.CannotAddMembers },
      );
    }
    return existing;
  }

  /**
   * The conversation to send to: a chat's own, or a person's 1:1 with the bot — opened through the
   * connector where the person was last seen when the bot has none yet.
   */
  async conversationFor(to: User | Chat): Promise<ConversationRecord> {
    if (to.kind === "chat") {
      const found = await this.#store.conversation(to.id);
      if (!found) {
        throw new UserError(`The bot is not in the Teams conversation ${to.id}.`, {
          code: TeamsErrorCode.UnknownConversation,
        });
      }
      return found;
    }
    const personal = (await this.#store.conversations()).find(
      (c) => c.kind === "personal" && c.userId === to.id && !c.gone,
    );
    if (personal) return personal;
    const where = this.#seenAt.get(to.id) ?? (await this.#anyServiceUrl());
    if (!where) {
      throw new UserError(
        `The bot cannot reach ${to.name ?? to.id} on Teams: it has not met them anywhere yet.`,
        {
          code: TeamsErrorCode.NoServiceUrl,
        },
      );
    }
    const id = await this.#connector.openPersonal(where.serviceUrl, this.#botId(), to.id, where.tenantId);
    const record: ConversationRecord = {
      id,
      kind: "personal",
      serviceUrl: where.serviceUrl,
      userId: to.id,
      ...(where.tenantId ? { tenantId: where.tenantId } : {}),
      ...(to.name ? { userName: to.name } : {}),
    };
    await this.#store.putConversation(record);
    return record;
  }

  async #anyServiceUrl(): Promise<{ serviceUrl: string; tenantId?: string } | undefined> {
    const any = (await this.#store.conversations()).find((c) => !c.gone);
    return any
      ? { serviceUrl: any.serviceUrl, ...(any.tenantId ? { tenantId: any.tenantId } : {}) }
      : undefined;
  }

  #roster(conversationId: string): Promise<readonly { user: User; role?: string }[]> {
    let roster = this.#members.get(conversationId);
    if (!roster) {
      roster = this.#readRoster(conversationId);
      this.#members.set(conversationId, roster);
      roster.catch(() => this.#members.delete(conversationId));
    }
    return roster;
  }

  async #readRoster(conversationId: string): Promise<readonly { user: User; role?: string }[]> {
    const conversation = await this.#store.conversation(conversationId);
    if (!conversation) return [];
    const members = await this.#connector.members(conversation.serviceUrl, conversationId);
    const botId = this.#botId();
    return members
      .filter((m) => typeof m?.id === "string" && m.id !== botId)
      .map((m) => {
        const user = Users.of(TEAMS_PLATFORM, m.id, m.name, m.email);
        this.see(user, {
          serviceUrl: conversation.serviceUrl,
          ...(conversation.tenantId ? { tenantId: conversation.tenantId } : {}),
        });
        return { user, ...(m.userRole ? { role: m.userRole.toLowerCase() } : {}) };
      });
  }
}

function chatOf(record: ConversationRecord): Chat {
  return Chats.of(TEAMS_PLATFORM, record.id, record.name);
}
