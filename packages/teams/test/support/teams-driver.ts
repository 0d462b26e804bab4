/**
 * The test kit's `ScenarioDriver` on Teams: people act by POSTing real-shaped Bot Framework
 * activities (messages with `<at>` mentions and mention entities, card submits, conversationUpdate)
 * over HTTP to the running bot; what the bot says is read from the local connector it answers
 * through. Every card is validated at Adaptive Cards 1.5 on the way. Work messages take their
 * value, mode and errors from the response the bot delivered (Teams keeps no data with a message,
 * that is what the state store is for); text from the wire.
 */
import type {
  Action,
  Addressable,
  Bot,
  Chat,
  HandleOutcome,
  MemberChange,
  PlatformAdapter,
  Response,
  User,
} from "@sprig/core";
import { Chat as Chats, User as Users } from "@sprig/core";
import type { Delivery, PressOptions, ScenarioDriver, SentMessage } from "@sprig/testing";
import { type Conversation, describeButtons, describeContent, describeForm, TestChat } from "@sprig/testing";
import { CARD_CONTENT_TYPE, htmlToContent, PRESS_KEY, type TeamsBot, teams } from "../../src/index.ts";
import { type Captured, LocalConnector } from "./local-connector.ts";
import { postJson } from "./post-json.ts";
import { cardProblems } from "./validate-card.ts";

export const BOT_ID = "28:sprig-bot";

export interface TeamsSent extends SentMessage {
  readonly activity: Record<string, unknown>;
  readonly card?: Record<string, unknown>;
}

export class TeamsDriver implements ScenarioDriver {
  readonly connector: LocalConnector;
  readonly running: TeamsBot;
  readonly #transcript: TeamsSent[] = [];
  readonly #delivered: Response[] = [];
  readonly #outcomes: HandleOutcome[] = [];
  readonly #people = new Map<string, User>();
  readonly #rooms = new Map<string, Chat>();
  #url = "";
  #next = 1;
  /** Activity ids are unique across drivers, as Teams' are: a restarted bot never meets an old id anew. */
  static #started = 0;
  readonly #instance = ++TeamsDriver.#started;
  #last: unknown;
  #clock = Date.UTC(2026, 0, 1);

  private constructor(connector: LocalConnector, running: TeamsBot) {
    this.connector = connector;
    this.running = running;
  }

  // biome-ignore lint/suspicious/noExplicitAny: any bot, whatever its services.
  static async start(bot: Bot<any>, options: Parameters<typeof teams>[1] = {}): Promise<TeamsDriver> {
    const connector = await new LocalConnector().start();
    const running = teams(bot, { port: 0, env: {}, botName: "sprig", ...options });
    const driver = new TeamsDriver(connector, running);
    driver.#watch(bot, running.platform);
    driver.#url = await running.start();
    return driver;
  }

  get url(): string {
    return this.#url;
  }

  async close(): Promise<void> {
    await this.running.stop();
    await this.connector.close();
  }

  readonly #announced = new Set<string>();

  user(name: string): User {
    let user = this.#people.get(name);
    if (!user) {
      // "sprig" is the bot itself, as in the memory driver: its Teams id is the bot's.
      user = name === "sprig" ? Users.of("teams", BOT_ID, "sprig") : Users.of("teams", `29:${name}`, name);
      this.#people.set(name, user);
    }
    return user;
  }

  room(name: string, people: { members?: readonly User[]; admins?: readonly User[] } = {}): Chat {
    let chat = this.#rooms.get(name);
    if (!chat) {
      chat = Chats.of("teams", `19:${name.toLowerCase()}@thread.v2`, name);
      this.#rooms.set(name, chat);
      this.connector.rosters.set(chat.id, []);
    }
    for (const member of [...(people.members ?? []), ...(people.admins ?? [])]) this.#join(chat, member);
    for (const admin of people.admins ?? []) this.#setRole(chat, admin, "owner");
    return chat;
  }

  send(as: User, where: Addressable, text: string): Promise<Delivery> {
    if (where.kind === "chat") this.#join(where, as);
    const { html, entities } = this.#withMentions(text);
    return this.#step(this.activity("message", as, where, { text: html, textFormat: "xml", entities }));
  }

  press(
    as: User,
    on: SentMessage,
    buttonId: string,
    values: Readonly<Record<string, unknown>>,
    _options: PressOptions = {},
  ): Promise<Delivery> {
    const shown = this.#latest(on.id);
    if (!shown?.card) throw new Error(`Message ${on.id} shows no card to press ${buttonId} on.`);
    const cardId = cardIdOf(shown.card);
    if (!cardId) throw new Error(`The card of ${on.id} has no button to press.`);
    // As an Adaptive Card client submits: every value a string, empty inputs left out.
    const value: Record<string, unknown> = { [PRESS_KEY]: { card: cardId, button: buttonId } };
    for (const [key, v] of Object.entries(values)) {
      const text = asCardString(v);
      if (text !== "") value[key] = text;
    }
    return this.#step(this.activity("message", as, on.to, { value, replyToId: on.id }));
  }

  async membership(change: MemberChange, room: Chat, member: User, by: User): Promise<Delivery> {
    if (change === "promoted" || change === "demoted") {
      this.#setRole(room, member, change === "promoted" ? "owner" : "user");
      return { replies: [] }; // Teams sends no event for a role change.
    }
    const roster = this.connector.rosters.get(room.id) ?? [];
    if (change === "joined") this.#join(room, member);
    else
      this.connector.rosters.set(
        room.id,
        roster.filter((m) => m.id !== member.id),
      );
    const account = { id: member.id, name: member.name };
    return this.#step(
      this.activity(
        "conversationUpdate",
        by,
        room,
        change === "joined" ? { membersAdded: [account] } : { membersRemoved: [account] },
      ),
    );
  }

  redeliver(): Promise<Delivery> {
    if (this.#last === undefined) throw new Error("Nothing was delivered yet.");
    return this.post(this.#last);
  }

  transcript(): readonly SentMessage[] {
    return this.#transcript;
  }

  /** A Bot Framework activity as Teams sends it, from a person in a conversation. */
  activity(
    type: string,
    from: User,
    where: Addressable,
    extra: Record<string, unknown> = {},
  ): Record<string, unknown> {
    this.#clock += 1000;
    const personal = where.kind === "user";
    return {
      type,
      id: `in-${this.#instance}-${this.#next++}`,
      timestamp: new Date(this.#clock).toISOString(),
      channelId: "msteams",
      serviceUrl: this.connector.url,
      from: { id: from.id, name: from.name },
      recipient: { id: BOT_ID, name: "sprig" },
      conversation: personal
        ? { id: `a:${where.id}`, conversationType: "personal", tenantId: "tenant-1" }
        : { id: where.id, conversationType: "groupChat", tenantId: "tenant-1", name: where.name },
      channelData: { tenant: { id: "tenant-1" } },
      ...extra,
    };
  }

  /**
   * A room a scenario declares is one the bot was installed in, as Teams tells a bot when it is
   * added to a chat: an installationUpdate for each room not yet announced, before the next activity.
   */
  async #announceRooms(): Promise<void> {
    for (const chat of this.#rooms.values()) {
      if (this.#announced.has(chat.id)) continue;
      this.#announced.add(chat.id);
      const installer = this.connector.rosters.get(chat.id)?.[0];
      const from = installer ? Users.of("teams", installer.id, installer.name) : this.user("alice");
      await postJson(
        this.#url,
        JSON.stringify(this.activity("installationUpdate", from, chat, { action: "add" })),
        {},
      );
    }
  }

  /** A scenario's step: the rooms declared so far are announced first. */
  async #step(body: unknown): Promise<Delivery> {
    await this.#announceRooms();
    return this.post(body);
  }

  /** POSTs a body to the bot and reads back what it sent while handling it. */
  async post(
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<Delivery & { httpStatus: number; body: string }> {
    this.#last = body;
    const before = this.connector.captured.length;
    const sentBefore = this.#delivered.length;
    const handledBefore = this.#outcomes.length;
    const response = await postJson(
      this.#url,
      typeof body === "string" ? body : JSON.stringify(body),
      headers,
    );
    const captured = this.connector.captured.slice(before);
    const meant = this.#delivered.slice(sentBefore);
    const replies = captured.map((c, i) => this.#read(c, meant[i]));
    this.#transcript.push(...replies);
    const outcome =
      this.#outcomes.slice(handledBefore).find((o) => o.status !== "duplicate") ??
      this.#outcomes[handledBefore];
    return {
      replies,
      httpStatus: response.status,
      ...(outcome ? { status: outcome.status } : {}),
      body: response.text,
    };
  }

  // biome-ignore lint/suspicious/noExplicitAny: any bot, whatever its services.
  #watch(bot: Bot<any>, platform: PlatformAdapter): void {
    const handle = bot.handle.bind(bot);
    bot.handle = async (action: Action) => {
      const outcome = await handle(action);
      this.#outcomes.push(outcome);
      return outcome;
    };
    const send = platform.send.bind(platform);
    (platform as { send: PlatformAdapter["send"] }).send = async (response: Response) => {
      await send(response);
      this.#delivered.push(response);
    };
  }

  #read(captured: Captured, meant: Response | undefined): TeamsSent {
    const activity = captured.activity;
    const to = this.#addressOf(captured.conversationId);
    const attachment = (
      activity.attachments as { contentType?: string; content?: Record<string, unknown> }[] | undefined
    )?.find((a) => a.contentType === CARD_CONTENT_TYPE);
    const card = attachment?.content;
    if (card) {
      const problems = cardProblems(card);
      if (problems.length > 0)
        throw new Error(`The bot sent an invalid card: ${problems.join("; ")}\n${JSON.stringify(card)}`);
    }
    const base = { id: captured.activityId, to, activity, ...(card ? { card } : {}) };
    if (meant?.kind === "work") {
      const form = meant.form ?? meant.workType.form(meant.mode, meant.value, meant.errors);
      const text = describeForm(form);
      return {
        ...base,
        kind: "work",
        workType: meant.workType.typeName,
        formId: meant.workType.typeName,
        mode: meant.mode,
        value: meant.value,
        form,
        buttons: meant.buttons,
        errors: meant.errors,
        text: meant.buttons.length > 0 ? `${text}\n${describeButtons(meant.buttons)}` : text,
      };
    }
    const buttons = meant?.kind === "message" ? meant.buttons : [];
    const wireText =
      typeof activity.text === "string"
        ? describeContent(htmlToContent(activity.text, mentionsOf(activity)))
        : textOfCard(card);
    return {
      ...base,
      kind: meant?.kind === "error" ? "error" : meant?.kind === "attachment" ? "attachment" : "message",
      ...(meant?.kind === "message" && meant.formId ? { formId: meant.formId } : {}),
      buttons,
      errors: {},
      text: buttons.length > 0 ? `${wireText}\n${describeButtons(buttons)}` : wireText,
      ...(meant?.kind === "error"
        ? { errorCode: meant.code, ...(meant.referenceId ? { referenceId: meant.referenceId } : {}) }
        : {}),
    };
  }

  /** The newest version of a message (an update replaces its card). */
  #latest(id: string): TeamsSent | undefined {
    for (let i = this.#transcript.length - 1; i >= 0; i--)
      if (this.#transcript[i]!.id === id) return this.#transcript[i];
    return undefined;
  }

  #addressOf(conversationId: string): Addressable {
    if (conversationId.startsWith("a:")) {
      const id = conversationId.slice(2);
      return [...this.#people.values()].find((p) => p.id === id) ?? Users.of("teams", id);
    }
    return (
      [...this.#rooms.values()].find((r) => r.id === conversationId) ?? Chats.of("teams", conversationId)
    );
  }

  #withMentions(text: string): { html: string; entities: object[] } {
    const entities: object[] = [];
    const html = text
      .split(/(\s+)/)
      .map((token) => {
        if (!token.startsWith("@") || token.length < 2) return escapeHtml(token);
        const name = token.slice(1);
        const who = name === "sprig" ? { id: BOT_ID, name: "sprig" } : this.#people.get(name);
        if (!who) return escapeHtml(token);
        const at = `<at>${escapeHtml(who.name ?? name)}</at>`;
        entities.push({ type: "mention", text: at, mentioned: { id: who.id, name: who.name } });
        return at;
      })
      .join("");
    return { html, entities };
  }

  #join(chat: Chat, person: User): void {
    const roster = this.connector.rosters.get(chat.id) ?? [];
    if (!roster.some((m) => m.id === person.id))
      roster.push({ id: person.id, name: person.name ?? person.id, userRole: "user" });
    this.connector.rosters.set(chat.id, roster);
  }

  #setRole(chat: Chat, person: User, role: string): void {
    this.#join(chat, person);
    const roster = this.connector.rosters.get(chat.id)!;
    this.connector.rosters.set(
      chat.id,
      roster.map((m) => (m.id === person.id ? { ...m, userRole: role } : m)),
    );
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function mentionsOf(activity: Record<string, unknown>) {
  const entities =
    (activity.entities as
      | { type?: string; text?: string; mentioned?: { id: string; name?: string } }[]
      | undefined) ?? [];
  return entities
    .filter((e) => e.type === "mention" && e.text && e.mentioned)
    .map((e) => ({ text: e.text!, user: Users.of("teams", e.mentioned!.id, e.mentioned!.name) }));
}

/** Every Action.Submit in a card (the card's actions, and ActionSets anywhere in its body). */
export function submitsOf(card: unknown): { title: string; data: Record<string, unknown> }[] {
  const out: { title: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const n = node as Record<string, unknown>;
      if (n.type === "Action.Submit")
        out.push({ title: String(n.title), data: n.data as Record<string, unknown> });
      for (const value of Object.values(n)) if (typeof value === "object") walk(value);
    }
  };
  walk(card);
  return out;
}

/** Room "Team" with alice in it, alice acting: where most adapter tests talk to the bot. */
export function aliceInTeam(driver: TeamsDriver): Conversation {
  return new TestChat(driver).room("Team", { members: ["alice"] }).as("alice");
}

/** The id of the card a message the bot sent shows (undefined if it shows none, or no button). */
export function shownCardId(sent: SentMessage): string | undefined {
  return cardIdOf((sent as Partial<TeamsSent>).card);
}

function cardIdOf(card: unknown): string | undefined {
  const press = submitsOf(card)[0]?.data?.[PRESS_KEY] as { card?: string } | undefined;
  return press?.card;
}

function textOfCard(card: Record<string, unknown> | undefined): string {
  const texts: string[] = [];
  for (const element of (card?.body as { type?: string; text?: string }[] | undefined) ?? []) {
    if (element.type === "TextBlock" && element.text) texts.push(element.text.replace(/\\(.)/g, "$1"));
  }
  return texts.join("\n");
}

function asCardString(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.map(asCardString).join(",");
  if (typeof value === "object" && "id" in value) return String((value as { id: unknown }).id);
  return String(value);
}
