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
  FormAction,
  HandleOutcome,
  MessageAction,
  PlatformAdapter,
  Response,
  User,
} from "@sprig/core";

import { describeButtons, describeContent, describeForm } from "../render/describe-sent.ts";
import type { SentMessage } from "../scenario/sent-message.ts";
import { parseText } from "../text/parse-text.ts";
import { Directory } from "./directory.ts";
import { MemoryHistoryStore } from "./history-store.ts";

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

interface Stored {
  readonly sent: SentMessage;
  /** The encoded work object, as a real platform would keep it in the message. */
  readonly data?: unknown;
}

export class InMemoryPlatform implements PlatformAdapter {
  readonly platform: string;
  readonly botUser: User;
  readonly directory: Directory;
  readonly history = new MemoryHistoryStore();
  readonly bot: Bot<never>;
  readonly #transcript: Stored[] = [];
  readonly #byId = new Map<string, Stored>();
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
    return this.#transcript.map((s) => s.sent);
  }

  get sentCount(): number {
    return this.#nextMessage - 1;
  }

  /** Be told of each message as the bot sends it (the terminal REPL prints them). */
  onSend(listener: (sent: SentMessage) => void): void {
    this.#listeners.push(listener);
  }

  message(user: User, where: Addressable, text: string): MessageAction {
    return {
      kind: "message",
      eventId: this.#eventId(),
      time: this.#clock(),
      user,
      addressable: where,
      message: parseText(text, (name) => this.directory.userNamed(name)),
    };
  }

  /** A press of `buttonId` on a message the bot sent (by its id), with submitted values. */
  press(
    user: User,
    sentId: string,
    buttonId: string,
    values: Readonly<Record<string, unknown>> = {},
    overrides: { formId?: string } = {},
  ): FormAction {
    const stored = this.#byId.get(sentId);
    if (!stored) throw new Error(`The bot sent no message with id "${sentId}".`);
    const formId = overrides.formId ?? stored.sent.formId;
    if (formId === undefined) throw new Error(`Message ${sentId} has no form to press a button on.`);
    const work = stored.data === undefined ? undefined : this.bot.works.decode(stored.data);
    return {
      kind: "form",
      eventId: this.#eventId(),
      time: this.#clock(),
      user,
      addressable: stored.sent.to,
      formId,
      buttonId,
      values,
      formMessageId: sentId,
      ...(work === undefined ? {} : { work }),
    };
  }

  /** Hand an action to the bot, as the platform's event feed would. */
  deliver(action: Action): Promise<HandleOutcome> {
    return this.bot.handle(action);
  }

  async send(response: Response): Promise<void> {
    const id = `m${this.#nextMessage++}`;
    const stored = this.#toStored(id, response);
    if (stored.data !== undefined && response.kind === "work") {
      this.history.add(response.to, {
        data: stored.data,
        time: this.#clock(),
        messageId: id,
        typeName: response.workType.typeName,
        tags: response.tags,
      });
    }
    this.#transcript.push(stored);
    this.#byId.set(id, stored);
    if (this.#transcript.length > this.#limit * 2) {
      for (const old of this.#transcript.splice(0, this.#transcript.length - this.#limit)) {
        this.#byId.delete(old.sent.id);
      }
    }
    for (const listener of this.#listeners) listener(stored.sent);
  }

  #eventId(): string {
    return `e${this.#nextEvent++}`;
  }

  #toStored(id: string, response: Response): Stored {
    const base = { id, to: response.to, errors: {} as const };
    switch (response.kind) {
      case "message":
        return {
          sent: lazyText(
            {
              ...base,
              kind: "message",
              buttons: response.buttons,
              ...(response.formId === undefined ? {} : { formId: response.formId }),
            },
            () => withButtons(describeContent(response.content), response.buttons),
          ),
        };
      case "attachment":
        return {
          sent: lazyText({ ...base, kind: "attachment", buttons: [], attachmentName: response.name }, () =>
            [`[attachment: ${response.name}]`, response.content ? describeContent(response.content) : ""]
              .filter(Boolean)
              .join("\n"),
          ),
        };
      case "error":
        return {
          sent: lazyText(
            {
              ...base,
              kind: "error",
              buttons: [],
              errorCode: response.code,
              ...(response.referenceId === undefined ? {} : { referenceId: response.referenceId }),
            },
            () => response.message,
          ),
        };
      case "work": {
        // A draft is not a valid object: shown, never stored as state (like a real platform would).
        const data = response.draft ? undefined : this.bot.works.encode(response.value);
        let form: ReturnType<typeof response.workType.form> | undefined;
        const formOf = () => {
          form ??= response.workType.form(response.mode, response.value, response.errors);
          return form;
        };
        const sent = lazyText(
          {
            ...base,
            kind: "work",
            formId: response.workType.typeName,
            workType: response.workType.typeName,
            mode: response.mode,
            value: response.value,
            buttons: response.buttons,
            errors: response.errors,
          },
          () => withButtons(describeForm(formOf()), response.buttons),
        );
        Object.defineProperty(sent, "form", { get: formOf, enumerable: true });
        return { sent, data };
      }
    }
  }
}

/** Rendering text costs time; most messages are never read (benchmarks), so render on demand. */
function lazyText(fields: Omit<SentMessage, "text">, render: () => string): SentMessage {
  let text: string | undefined;
  return Object.defineProperty(fields, "text", {
    get: () => {
      text ??= render();
      return text;
    },
    enumerable: true,
  }) as SentMessage;
}

function withButtons(text: string, buttons: readonly { id: string; text: string }[]): string {
  return buttons.length === 0 ? text : `${text}\n${describeButtons(buttons)}`;
}
