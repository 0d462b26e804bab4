/**
 * What the bot sent, as a scenario sees it — the same shape whichever driver produced it (the
 * in-memory platform now, the emulator later): plain text, and for forms the work type, mode,
 * value, buttons and field errors.
 */
import type { Addressable, ButtonView, FieldErrors, FormModel } from "@sprig/core";

export type SentKind = "message" | "work" | "attachment" | "error";

export interface SentMessage {
  /** The platform's id of the message (what a button press refers to). */
  readonly id: string;
  readonly to: Addressable;
  readonly kind: SentKind;
  /** A readable plain-text rendering (content, or a form's fields and values). */
  readonly text: string;
  /** The form id a press on this message reports (the work type name, or the help form). */
  readonly formId?: string;
  /** For work messages: the work type name, mode, and the object shown. */
  readonly workType?: string;
  readonly mode?: "view" | "edit";
  readonly value?: unknown;
  /** The form model of a work message (what adapters render). */
  readonly form?: FormModel;
  readonly buttons: readonly ButtonView[];
  /** Field errors on a form sent back after a failed validation. */
  readonly errors: FieldErrors;
  /** For error messages: the error code, and the reference id of an unexpected error. */
  readonly errorCode?: string;
  readonly referenceId?: string;
  /** For attachments: the file name. */
  readonly attachmentName?: string;
}
