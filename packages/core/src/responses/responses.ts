/**
 * Responses: what the bot sends, addressed and complete, as the response chain and the
 * adapters see them. Handlers usually return something simpler (a string, content, a work
 * object, or a reply built with `view` / `edit` / `reply` / `attachment`); `to-responses.ts`
 * turns that into these.
 */
import type { Addressable } from "../addressables/addressables.ts";
import type { Message } from "../content/content.ts";
import type { FormModel } from "../forms/index.ts";
import type { FieldErrors, WorkType } from "../work/index.ts";

export type WorkMode = "view" | "edit";

/** A button as an adapter renders it: the stable id comes back in the FormAction. */
export interface ButtonView {
  readonly id: string;
  readonly text: string;
  readonly style?: "primary" | "secondary" | "danger";
}

export interface MessageResponse {
  readonly kind: "message";
  readonly to: Addressable;
  readonly content: Message;
  /** Buttons under the message (the help page has one per simple command). */
  readonly buttons: readonly ButtonView[];
  /** The form id a button press on this message reports; set when `buttons` is not empty. */
  readonly formId?: string;
}

export interface WorkResponse {
  readonly kind: "work";
  readonly to: Addressable;
  readonly workType: WorkType<unknown>;
  readonly value: unknown;
  readonly mode: WorkMode;
  /** The template name; the work type's default for the mode unless the handler chose one. */
  readonly template: string;
  /** Filled by the buttons response handler from the registry, in registration order. */
  readonly buttons: readonly ButtonView[];
  /** Per-field errors by dotted path ("" = the whole form), shown next to the fields. */
  readonly errors: FieldErrors;
  /** Tags that make the message findable in history (the work type name is always one). */
  readonly tags: readonly string[];
  /**
   * After a failed validation: the values as the user submitted them, so the edit form can be
   * shown again with what they typed next to the errors.
   */
  readonly submitted?: Readonly<Record<string, unknown>>;
  /**
   * True when `value` is not a valid object of the type (a blank form, or one sent back after
   * a failed validation): render it, but never store it as the conversation's state.
   */
  readonly draft?: boolean;
  /**
   * The run-time data the handler gave for the form (dropdown options, known users and chats);
   * `form` was built with it.
   */
  readonly formData?: Readonly<Record<string, unknown>>;
  /**
   * The form model to render, when the engine built it already (a table row open for editing, or
   * a form with `formData`); otherwise adapters build it with `workType.form(mode, value, errors)`.
   */
  readonly form?: FormModel;
}

export interface AttachmentResponse {
  readonly kind: "attachment";
  readonly to: Addressable;
  readonly name: string;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
  /** Text sent with the attachment. */
  readonly content?: Message;
}

/** An error shown in chat: a UserError's own message, or an apology with a reference id. */
export interface ErrorResponse {
  readonly kind: "error";
  readonly to: Addressable;
  readonly message: string;
  readonly code: string;
  /** Present for unexpected errors: the id to find the details in the log. */
  readonly referenceId?: string;
}

export type Response = MessageResponse | WorkResponse | AttachmentResponse | ErrorResponse;
export type ResponseKind = Response["kind"];
