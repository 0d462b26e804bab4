/**
 * The in-memory platform: a complete sprig adapter with no network. It keeps a directory,
 * a history of the work objects the bot sent, and a transcript of everything sent, and it turns
 * scenario steps into actions exactly as a real adapter would (event ids, times, decoding the
 * work object a form was made from out of the bot's own message).
 */
import type {
  Action,
  Addressable,
  Bot,
  Chat,
  FormAction,
  HandleOutcome,
  MemberAction,
  MemberChange,
  MessageAction,
  PlatformAdapter,
  Response,
  User,
} from "@sprig/core";
import { currentAttempt } from "@sprig/core";

import type { PressOptions } from "../scenario/driver.ts";
import type { SentMessage } from "../scenario/sent-message.ts";
import { parseText } from "../text/parse-text.ts";
import { Directory } from "./directory.ts";
import { formMessageFields } from "./form-message.ts";
import { MemoryHistoryStore } from "./history-store.ts";
import { SentRecord } from "./sent-record.ts";

export interface InMemoryPlatformOptions {
  /** The platform name on users and chats; "test" by default. */
  readonly platform?: string;
  /** The bot's display name; "sprig" by default. */
  readonly botName?: string;
  /** The time of each event; by default a fake clock from 2026-01-01T00:00:00Z, one second per event. */
  readonly clock?: () => Date;
  /** Keep at most this many sent messages (for benchmarks); all by default. */
  readonly transcriptLimit?: number;
}

export class InMemoryPlatform implements PlatformAdapter {
  readonly platform: string;
  readonly botUser: User;
  readonly directory: Directory;
  readonly history = new MemoryHistoryStore();
  readonly bot: Bot<never>;
  readonly #transcript: SentRecord[] = [];
  readonly #listeners: ((sent: SentMessage) => void)[] = [];
  readonly #clock: () => Date;
  readonly #limit: number;
  #nextEvent = 1;
  #nextMessage = 1;

  // biome-ignore lint/suspicious/noExplicitAny: any bot, whatever its services.
  constructor(bot: Bot<never> | Bot<any>, options: InMemoryPlatformOptions = {}) {
    this.platform = options.platform ?? "test";
    this.directory = new Directory(this.platform);
    this.botUser = this.directory.user(options.botName ?? "sprig");
    let tick = Date.UTC(2026, 0, 1);
    this.#clock =
      options.clock ??
      (() => {
        tick += 1000;
        return new Date(tick);
      });
    this.#limit = options.transcriptLimit ?? Number.POSITIVE_INFINITY;
    this.bot = bot as Bot<never>;
    this.bot.attach(this);
  }

  get conversations(): Directory {
    return this.directory;
  }

  /** Everything the bot sent, oldest first. */
  get transcript(): readonly SentMessage[] {
    return this.#transcript;
  }

  get sentCount(): number {
    return this.#nextMessage - 1;
  }

  /** Be told of each message as the bot sends it (the terminal REPL prints them). */
  onSend(listener: (sent: SentMessage) => void): void {
    this.#listeners.push(listener);
  }

  message(user: User, where: Addressable, text: string): MessageAction {
    if (where.kind === "user") this.directory.openIm(where);
    return {
      kind: "message",
      eventId: this.#eventId(),
      time: this.#clock(),
      user,
      addressable: where,
      message: parseText(text, (name) => this.directory.userNamed(name)),
    };
  }

  member(change: MemberChange, room: Chat, member: User, by: User = member): MemberAction {
    return {
      kind: "member",
      eventId: this.#eventId(),
      time: this.#clock(),
      user: by,
      addressable: room,
      change,
      member,
    };
  }

  /**
   * A press of `buttonId` on a message the bot sent (by its id), with submitted values. Like a real
   * adapter it says what that message offered, so core refuses a press of any other control.
   */
  press(
    user: User,
    sentId: string,
    buttonId: string,
    values: Readonly<Record<string, unknown>> = {},
    overrides: PressOptions = {},
  ): FormAction {
    const stored = this.#sent(sentId);
    if (!stored) throw new Error(`The bot sent no message with id "${sentId}".`);
    const formId = overrides.formId ?? stored.formId;
    if (formId === undefined) throw new Error(`Message ${sentId} has no form to press a button on.`);
    const work = stored.data === undefined ? undefined : this.bot.works.decode(stored.data);
    return {
      kind: "form",
      eventId: this.#eventId(),
      time: this.#clock(),
      user,
      addressable: stored.to,
      formId,
      buttonId,
      values,
      formMessageId: sentId,
      ...(work === undefined ? {} : { work }),
      ...formMessageFields(stored.response, overrides),
    };
  }

  /** Hand an action to the bot, as the platform's event feed would. */
  deliver(action: Action): Promise<HandleOutcome> {
    return this.bot.handle(action);
  }

  async send(response: Response): Promise<void> {
    // As the Symphony adapter does: the n-th response of an action has the same send id on every
    // run, and a redelivered action's response that its earlier run delivered is not sent twice.
    const attempt = currentAttempt();
    const sendId = attempt ? `${attempt.key}#${attempt.nextResponse()}` : undefined;
    if (attempt?.redelivered && this.#transcript.some((sent) => sent.sendId === sendId)) return;
    if (response.to.kind === "user") this.directory.openIm(response.to);
    const id = `m${this.#nextMessage++}`;
    // A draft is not a valid object: shown, never stored as state (as a real platform would).
    const data =
      response.kind === "work" && !response.draft ? this.bot.works.encode(response.value) : undefined;
    const sent = new SentRecord(id, response, data, sendId);
    // A type declared with index: false is never findable in history, as on a real platform.
    if (data !== undefined && response.kind === "work" && response.workType.index) {
      this.history.add(response.to, {
        data,
        time: this.#clock(),
        messageId: id,
        typeName: response.workType.typeName,
        tags: response.tags,
      });
    }
    this.#transcript.push(sent);
    if (this.#transcript.length > this.#limit * 2) {
      this.#transcript.splice(0, this.#transcript.length - this.#limit);
    }
    for (const listener of this.#listeners) listener(sent);
  }

  /** A message by id, newest first (presses are rare; sends are many, so no index to keep up). */
  #sent(id: string): SentRecord | undefined {
    for (let i = this.#transcript.length - 1; i >= 0; i--)
      if (this.#transcript[i]!.id === id) return this.#transcript[i];
    return undefined;
  }

  #eventId(): string {
    return `e${this.#nextEvent++}`;
  }
}
