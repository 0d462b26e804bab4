/**
 * The test kit's `ScenarioDriver` on the emulator: people act through the emulator's dev API
 * (post text, submit the form shown in the bot's message, join and leave rooms), the bot runs
 * through @sprig/symphony's adapter over HTTP, and its replies are read back from the bot's live
 * event stream (PresentationML + data) — so `new TestChat(driver)` runs the same scenarios as
 * `testChat(bot)` does in memory, end to end.
 *
 * It is the `@sprig/testing/emulator` entry, apart from the main one, because reading a bot's
 * message back needs the Symphony side (the PresentationML parser, the adapter's data layout):
 * `@sprig/testing` itself stays platform-free.
 */
import type { Action, Addressable, Chat, MemberChange, User, WorkRegistry } from "@sprig/core";
import { User as Users } from "@sprig/core";
import { SYMPHONY_PLATFORM, toUrlSafeId } from "@sprig/symphony";
import type { Delivery, PressOptions, ScenarioDriver } from "../scenario/driver.ts";
import { SubmissionRefused } from "../scenario/expect.ts";
import type { SentMessage } from "../scenario/sent-message.ts";
import type { BotObserver } from "./bot-observer.ts";
import { DevApiError, type LiveEvent, type LiveEvents, type PodMessage } from "./dev-api.ts";
import { BOT_ID, type EmulatedPod } from "./emulated-pod.ts";
import { type ReadBotMessage, readBotMessage } from "./read-bot-message.ts";

export interface EmulatorDriverParts {
  readonly pod: EmulatedPod;
  readonly observer: BotObserver;
  readonly works: WorkRegistry;
  /** The bot's own live events (it sees every message it posts). */
  readonly botEvents: LiveEvents;
  /** How long to wait for the bot to finish with one action. */
  readonly timeoutMs?: number;
}

/** The pod's reasons for refusing a submission that are the client's own checks (required, lengths). */
const CLIENT_REFUSALS = new Set(["REQUIRED_FIELD", "INVALID_VALUE"]);

const sameId = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && toUrlSafeId(a) === toUrlSafeId(b);

export class EmulatorDriver implements ScenarioDriver {
  readonly #parts: EmulatorDriverParts;
  readonly #transcript: ReadBotMessage[] = [];
  /** Setup that `room()` (synchronous) queued: memberships and owners, done before the next act. */
  #pending: Promise<unknown> = Promise.resolve();
  readonly #members = new Map<string, Set<string>>();
  readonly #ims = new Map<string, string>();
  /** Stream id → the person of that 1:1 with the bot. */
  readonly #imPeople = new Map<string, User>();

  constructor(parts: EmulatorDriverParts) {
    this.#parts = parts;
  }

  user(name: string): User {
    return Users.of(SYMPHONY_PLATFORM, String(this.#parts.pod.personId(name)), name, `${name}@example.com`);
  }

  room(name: string, people: { members?: readonly User[]; admins?: readonly User[] } = {}): Chat {
    const { pod } = this.#parts;
    const streamId = pod.roomId(name);
    const chat: Chat = { kind: "chat", platform: SYMPHONY_PLATFORM, id: streamId, name };
    for (const person of [...(people.members ?? []), ...(people.admins ?? [])]) this.#join(chat, person);
    for (const admin of people.admins ?? []) {
      this.#later(() => pod.dev.setOwner(streamId, Number(admin.id), true));
    }
    return chat;
  }

  async send(as: User, where: Addressable, text: string): Promise<Delivery> {
    if (where.kind === "chat") this.#join(where, as);
    await this.#pending;
    const streamId = where.kind === "chat" ? where.id : await this.#imWith(where);
    const from = this.#parts.observer.handled.length;
    const posted = await this.#parts.pod.dev.postText(streamId, Number(as.id), text);
    return this.#delivery((a) => a.kind === "message" && sameId(a.messageId, posted.messageId), from);
  }

  async press(
    as: User,
    on: SentMessage,
    buttonId: string,
    values: Readonly<Record<string, unknown>>,
    options: PressOptions = {},
  ): Promise<Delivery> {
    await this.#pending;
    const shown = this.#transcript.find((m) => m.id === on.id);
    if (!shown?.shownForm) throw new Error(`Message ${on.id} shows no form to press ${buttonId} on.`);
    const form = shown.shownForm;
    const submitted: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(values)) {
      // A person selector sends user ids, a room selector stream ids; the scenario names one (or a few).
      const kind = form.fields.get(name);
      const many = Array.isArray(value) ? value : [value];
      submitted[name] = kind === "person" ? many.map(Number) : kind === "room" ? many.map(String) : value;
    }
    const from = this.#parts.observer.handled.length;
    const event = await this.#parts.pod.dev
      .submitForm(shown.streamId, on.id, {
        as: Number(as.id),
        formId: options.formId ?? form.id,
        action: buttonId,
        values: submitted,
      })
      .catch((error: unknown) => {
        // The pod refuses what the person's client would not submit: the same error as in memory.
        if (error instanceof DevApiError && CLIENT_REFUSALS.has(error.reason ?? ""))
          throw new SubmissionRefused(error.message.replace(/^.*?→ 400: /, ""));
        throw error;
      });
    return this.#delivery((a) => a.kind === "form" && a.eventId === event.id, from);
  }

  /**
   * A SYMPHONYELEMENTSACTION no client would send (pressing a button the message does not show,
   * naming another stream's message…), delivered to the bot through the dev API's `POST /events`,
   * past the form checks of a real submission.
   */
  async forgeElementsAction(
    as: User,
    where: { streamId: string; streamType: "ROOM" | "IM" },
    action: { formMessageId: string; formId: string; action: string; values?: Record<string, unknown> },
  ): Promise<Delivery> {
    await this.#pending;
    const from = this.#parts.observer.handled.length;
    const event = await this.#parts.pod.dev.postEvent({
      type: "SYMPHONYELEMENTSACTION",
      initiator: Number(as.id),
      userIds: [BOT_ID],
      payload: {
        stream: where,
        formMessageId: action.formMessageId,
        formId: action.formId,
        formValues: { action: action.action, ...action.values },
      },
    });
    return this.#delivery((a) => a.kind === "form" && a.eventId === event.id, from);
  }

  async membership(change: MemberChange, room: Chat, member: User, by: User): Promise<Delivery> {
    await this.#pending;
    const { dev } = this.#parts.pod;
    const from = this.#parts.observer.handled.length;
    if (change === "joined") {
      await dev.addMember(room.id, Number(member.id), by.id === member.id ? undefined : Number(by.id));
      this.#membersOf(room).add(member.id);
    } else if (change === "left") {
      await dev.removeMember(room.id, Number(member.id));
      this.#membersOf(room).delete(member.id);
    } else {
      await dev.setOwner(room.id, Number(member.id), change === "promoted");
    }
    return this.#delivery(
      (a) => a.kind === "member" && a.change === change && a.member.id === member.id,
      from,
    );
  }

  redeliver(): Promise<Delivery> {
    throw new Error(
      "The emulator cannot deliver a past event again; use pod.dev.duplicateNext(n) before acting instead.",
    );
  }

  transcript(): readonly SentMessage[] {
    return this.#transcript;
  }

  /** Waits until the bot has handled the action, then reads the replies it posted, in order. */
  async #delivery(match: (action: Action) => boolean, from: number): Promise<Delivery> {
    const { observer, botEvents, works } = this.#parts;
    const timeout = this.#parts.timeoutMs ?? 10_000;
    const { action, outcome } = await observer.waitFor(match, timeout, from);
    const meant = observer.responsesTo(action);
    const replies: ReadBotMessage[] = [];
    for (let i = 0; i < outcome.sent; i++) {
      const event = await botEvents.next(isBotMessage, timeout);
      const message = event.data.payload.messageSent.message as PodMessage;
      replies.push(readBotMessage(message, await this.#addressOf(message), works, meant[i]));
    }
    this.#transcript.push(...replies);
    return { replies, status: outcome.status };
  }

  async #addressOf(message: PodMessage): Promise<Addressable> {
    const streamId = message.stream.streamId;
    const im = this.#imPeople.get(streamId) ?? (await this.#learnIm(streamId));
    if (im) return im;
    return { kind: "chat", platform: SYMPHONY_PLATFORM, id: streamId };
  }

  /** A 1:1 the bot opened itself (e.g. to tell an assignee): whose is it? */
  async #learnIm(streamId: string): Promise<User | undefined> {
    for (const name of this.#parts.pod.people) {
      const id = this.#parts.pod.personId(name);
      const streams = await this.#parts.pod.dev.streamsOf(id);
      const im = streams.find(
        (s) => sameId(s.id, streamId) && (s as { streamType?: { type?: string } }).streamType?.type === "IM",
      );
      if (im) {
        const person = this.user(name);
        this.#imPeople.set(streamId, person);
        return person;
      }
    }
    return undefined;
  }

  async #imWith(person: User): Promise<string> {
    let streamId = this.#ims.get(person.id);
    if (!streamId) {
      streamId = await this.#parts.pod.dev.createIm([Number(person.id), BOT_ID]);
      this.#ims.set(person.id, streamId);
      this.#imPeople.set(streamId, person);
    }
    return streamId;
  }

  #membersOf(chat: Chat): Set<string> {
    let members = this.#members.get(chat.id);
    if (!members) {
      members = new Set();
      this.#members.set(chat.id, members);
    }
    return members;
  }

  /** Makes the person a member (once): the emulator refuses posts from non-members. */
  #join(chat: Chat, person: User): void {
    const members = this.#membersOf(chat);
    if (members.has(person.id)) return;
    members.add(person.id);
    this.#later(() => this.#parts.pod.dev.addMember(chat.id, Number(person.id)));
  }

  #later(step: () => Promise<unknown>): void {
    this.#pending = this.#pending.then(step);
  }
}

function isBotMessage(event: LiveEvent): boolean {
  return event.type === "MESSAGESENT" && event.data.initiator?.user?.userId === BOT_ID;
}
