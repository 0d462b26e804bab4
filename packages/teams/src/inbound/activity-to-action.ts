/**
 * One Teams activity → the actions it means, after remembering where it came from (the
 * conversation, its service URL, who spoke):
 *   message with text            → MessageAction (Teams HTML + mention entities → content)
 *   message with a card's submit → FormAction (the card's record from the state store: its work
 *                                  object, the controls it offered, its form data)
 *   conversationUpdate           → MemberActions for people who joined or left a chat
 *   installationUpdate           → none (the conversation is recorded, or marked gone)
 * A submit naming a card the bot has no record of, or one from another conversation, still
 * reaches core — marked unavailable, so the person is told and nothing runs.
 */
import type { Action, Addressable, Chat, FormAction, User, WorkRegistry } from "@sprig/core";
import { Chat as Chats, isFormControlName, User as Users } from "@sprig/core";
import { PRESS_KEY } from "../cards/card-json.ts";
import type { TeamsConversations } from "../conversations/teams-conversations.ts";
import type { ConversationKind, ConversationRecord, StateStore } from "../state/state-store.ts";
import { htmlToContent, type InboundMention } from "./html-to-content.ts";
import type { IncomingActivity } from "./incoming-activity.ts";

export interface MappingContext {
  readonly platform: string;
  readonly botUser: User;
  readonly store: StateStore;
  readonly conversations: TeamsConversations;
  readonly works: WorkRegistry;
  readonly now: () => Date;
}

/** Keys of a submit that are Teams' own, not form fields. */
const NOT_FIELDS = new Set([PRESS_KEY, "msteams"]);

export async function activityToActions(activity: IncomingActivity, ctx: MappingContext): Promise<Action[]> {
  const conversation = await remember(activity, ctx);
  const time = parseTime(activity.timestamp) ?? ctx.now();
  const eventId = activity.id ?? `${conversation.id}:${time.getTime()}`;
  const from = activity.from?.id
    ? Users.of(ctx.platform, activity.from.id, activity.from.name ?? undefined)
    : undefined;
  if (from) ctx.conversations.see(from, seenAt(conversation));
  const where: Addressable =
    conversation.kind === "personal" && from ? from : chatOf(conversation, ctx.platform);

  if (activity.type === "message" && from) {
    const value = activity.value;
    if (isRecord(value) && PRESS_KEY in value)
      return [await formAction(value, { eventId, time, user: from, where }, conversation, ctx)];
    if (typeof activity.text !== "string" || activity.text.trim() === "") return [];
    return [
      {
        kind: "message",
        eventId,
        time,
        user: from,
        addressable: where,
        message: htmlToContent(activity.text, mentionsOf(activity, ctx)),
        ...(activity.id ? { messageId: activity.id } : {}),
      },
    ];
  }

  if (activity.type === "conversationUpdate" && from && where.kind === "chat") {
    ctx.conversations.forgetMembers(conversation.id);
    const changes = [
      ...(activity.membersAdded ?? []).map((m) => ["joined", m] as const),
      ...(activity.membersRemoved ?? []).map((m) => ["left", m] as const),
    ];
    const actions: Action[] = [];
    for (const [change, member] of changes) {
      if (!member?.id || member.id === ctx.botUser.id) continue;
      const user = Users.of(ctx.platform, member.id, member.name ?? undefined);
      actions.push({
        kind: "member",
        eventId: `${eventId}:${change}:${member.id}`,
        time,
        user: from,
        addressable: where,
        change,
        member: user,
      });
    }
    return actions;
  }
  return [];
}

async function formAction(
  value: Record<string, unknown>,
  base: { eventId: string; time: Date; user: User; where: Addressable },
  conversation: ConversationRecord,
  ctx: MappingContext,
): Promise<FormAction> {
  const press = value[PRESS_KEY];
  const cardId = isRecord(press) && typeof press.card === "string" ? press.card : "";
  const buttonId = isRecord(press) && typeof press.button === "string" ? press.button : "";
  const values: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (!NOT_FIELDS.has(key)) values[key] = v;
  const card = cardId === "" ? undefined : await ctx.store.card(cardId);
  const common = {
    kind: "form" as const,
    eventId: base.eventId,
    time: base.time,
    user: base.user,
    addressable: base.where,
    buttonId,
    values,
    formMessageId: cardId,
  };
  if (!card || card.conversationId !== conversation.id) {
    return {
      ...common,
      formId: "unknown",
      formUnavailable: "the bot did not send that card in this conversation",
    };
  }
  if (card.retired) {
    return {
      ...common,
      formId: card.formId ?? "unknown",
      formUnavailable: "it was replaced by a newer card",
    };
  }
  if (card.offered.editable) {
    for (const id of card.inputs ?? []) if (!(id in values) && !isFormControlName(id)) values[id] = "";
  }
  const work = card.data === undefined ? undefined : ctx.works.decode(card.data);
  return {
    ...common,
    formId: card.formId ?? "unknown",
    offered: card.offered,
    ...(work === undefined ? {} : { work }),
    ...(card.formData ? { formData: card.formData } : {}),
  };
}

function mentionsOf(activity: IncomingActivity, ctx: MappingContext): InboundMention[] {
  const out: InboundMention[] = [];
  for (const entity of activity.entities ?? []) {
    if (entity?.type !== "mention" || typeof entity.text !== "string") continue;
    const id = entity.mentioned?.id;
    if (typeof id !== "string") continue;
    const user =
      id === ctx.botUser.id ? ctx.botUser : Users.of(ctx.platform, id, entity.mentioned?.name ?? undefined);
    if (user !== ctx.botUser) ctx.conversations.see(user);
    out.push({ text: entity.text, user });
  }
  return out;
}

/** Records the conversation (new, renamed, the bot installed or removed). */
async function remember(activity: IncomingActivity, ctx: MappingContext): Promise<ConversationRecord> {
  const id = baseConversationId(activity.conversation.id);
  const kind = conversationKind(activity.conversation.conversationType);
  const known = await ctx.store.conversation(id);
  const tenantId = activity.conversation.tenantId ?? activity.channelData?.tenant?.id ?? known?.tenantId;
  const name = activity.conversation.name ?? activity.channelData?.channel?.name ?? known?.name;
  const removed =
    (activity.type === "installationUpdate" && activity.action === "remove") ||
    (activity.type === "conversationUpdate" &&
      (activity.membersRemoved ?? []).some((m) => m?.id === ctx.botUser.id));
  const record: ConversationRecord = {
    id,
    kind,
    serviceUrl: activity.serviceUrl,
    ...(tenantId ? { tenantId } : {}),
    ...(name ? { name } : {}),
    ...(kind === "personal" && activity.from?.id && activity.from.id !== ctx.botUser.id
      ? { userId: activity.from.id, ...(activity.from.name ? { userName: activity.from.name } : {}) }
      : known?.userId
        ? { userId: known.userId, ...(known.userName ? { userName: known.userName } : {}) }
        : {}),
    ...(removed ? { gone: true } : {}),
  };
  if (JSON.stringify(record) !== JSON.stringify(known)) await ctx.store.putConversation(record);
  return record;
}

/** A channel thread's id names its root message (`…;messageid=…`): the channel is the conversation. */
export function baseConversationId(id: string): string {
  const cut = id.indexOf(";messageid=");
  return cut < 0 ? id : id.slice(0, cut);
}

function conversationKind(type: string | undefined): ConversationKind {
  return type === "channel" ? "channel" : type === "groupChat" ? "groupChat" : "personal";
}

function chatOf(record: ConversationRecord, platform: string): Chat {
  return Chats.of(platform, record.id, record.name);
}

function seenAt(record: ConversationRecord): { serviceUrl: string; tenantId?: string } {
  return { serviceUrl: record.serviceUrl, ...(record.tenantId ? { tenantId: record.tenantId } : {}) };
}

function parseTime(value: unknown): Date | undefined {
  if (typeof value !== "string") return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
