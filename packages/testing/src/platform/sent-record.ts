/**
 * A SentMessage read straight off the Response the bot sent: every field is derived on demand,
 * so recording a message costs one small object (benchmarks send millions) and rendering text
 * or a form model happens only when a test or the terminal reads it.
 */
import type { Addressable, ButtonView, FieldErrors, FormModel, Response } from "@sprig/core";
import { describeButtons, describeContent, describeForm } from "../render/describe-sent.ts";
import type { SentKind, SentMessage } from "../scenario/sent-message.ts";

const NO_ERRORS: FieldErrors = Object.freeze({});
const NO_BUTTONS: readonly ButtonView[] = Object.freeze([]);

export class SentRecord implements SentMessage {
  readonly id: string;
  readonly response: Response;
  /** The encoded work object, as a real platform keeps it in the message's data. */
  readonly data: unknown;
  /** The n-th response of an action (`action key#n`), the same on every run of the action. */
  readonly sendId: string | undefined;
  #text: string | undefined;
  #form: FormModel | undefined;

  constructor(id: string, response: Response, data: unknown, sendId?: string) {
    this.id = id;
    this.response = response;
    this.data = data;
    this.sendId = sendId;
  }

  get to(): Addressable {
    return this.response.to;
  }
  get kind(): SentKind {
    return this.response.kind;
  }
  get formId(): string | undefined {
    const r = this.response;
    return r.kind === "work" ? r.workType.typeName : r.kind === "message" ? r.formId : undefined;
  }
  get workType(): string | undefined {
    return this.response.kind === "work" ? this.response.workType.typeName : undefined;
  }
  get mode(): "view" | "edit" | undefined {
    return this.response.kind === "work" ? this.response.mode : undefined;
  }
  get value(): unknown {
    return this.response.kind === "work" ? this.response.value : undefined;
  }
  get buttons(): readonly ButtonView[] {
    const r = this.response;
    return r.kind === "work" || r.kind === "message" ? r.buttons : NO_BUTTONS;
  }
  get errors(): FieldErrors {
    return this.response.kind === "work" ? this.response.errors : NO_ERRORS;
  }
  get errorCode(): string | undefined {
    return this.response.kind === "error" ? this.response.code : undefined;
  }
  get referenceId(): string | undefined {
    return this.response.kind === "error" ? this.response.referenceId : undefined;
  }
  get attachmentName(): string | undefined {
    return this.response.kind === "attachment" ? this.response.name : undefined;
  }

  get form(): FormModel | undefined {
    const r = this.response;
    if (r.kind !== "work") return undefined;
    this.#form ??= r.form ?? r.workType.form(r.mode, r.value, r.errors);
    return this.#form;
  }

  get text(): string {
    this.#text ??= this.#render();
    return this.#text;
  }

  #render(): string {
    const r = this.response;
    switch (r.kind) {
      case "message":
        return withButtons(describeContent(r.content), r.buttons);
      case "attachment":
        return [`[attachment: ${r.name}]`, r.content ? describeContent(r.content) : ""]
          .filter(Boolean)
          .join("\n");
      case "error":
        return r.message;
      case "work":
        return withButtons(describeForm(this.form!), r.buttons);
    }
  }

  /** A plain-object copy (for printing and snapshots). */
  toJSON(): Omit<SentMessage, "form"> {
    const { id, to, kind, text, formId, workType, mode, value, buttons, errors, errorCode, referenceId } =
      this;
    return { id, to, kind, text, formId, workType, mode, value, buttons, errors, errorCode, referenceId };
  }
}

function withButtons(text: string, buttons: readonly ButtonView[]): string {
  return buttons.length === 0 ? text : `${text}\n${describeButtons(buttons)}`;
}
