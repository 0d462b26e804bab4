/**
 * Responses → what Symphony's agent takes (MessageML + EntityJSON + files). Synchronous: custom
 * templates are read when the renderer is made.
 *
 *   MessageResponse     content as escaped MessageML; with buttons, a form (id `formId`) under it
 *                       and data holding the buttons
 *   WorkResponse        a FreeMarker template (custom by name, else generated from the form model)
 *                       + data holding the encoded work object, header tags, buttons, errors
 *   AttachmentResponse  its text (or its file name) + one attachment part
 *   ErrorResponse       the message as plain escaped text
 */
import {
  type Action,
  type AttachmentResponse,
  currentAction,
  type ErrorResponse,
  type FormMode,
  type FormModel,
  type MessageResponse,
  type Response,
  type WorkRegistry,
  type WorkResponse,
  type WorkType,
} from "@sprig/core";
import { ml } from "@sprig/messageml";
import { messageBody } from "./content-to-messageml.ts";
import type { FieldRenderers } from "./field-renderers.ts";
import { messageToReplace } from "./form-update.ts";
import type { RenderedMessage } from "./rendered-message.ts";
import { loadTemplates } from "./template-store.ts";
import { buttonsData, workData } from "./work-data.ts";
import { generateWorkTemplate } from "./work-template.ts";

export interface SymphonyRendererOptions {
  readonly works: WorkRegistry;
  /** Folder of `<template-name>.ftl` files; a work response whose template name matches uses it. */
  readonly templatesDir?: string;
  /** Renderers of custom field kinds, by `customKind`. */
  readonly fieldRenderers?: FieldRenderers;
  /**
   * After a button press on a form, a work response of the same type to the same conversation
   * replaces the form message (`RenderedMessage.replaces`) instead of adding one. Default false.
   */
  readonly updateFormInPlace?: boolean;
}

const DEFAULT_BUTTONS_FORM = "sprig-buttons";

const BUTTON_CLASS = { primary: "primary", secondary: "secondary", danger: "destructive" } as const;

export class SymphonyRenderer {
  readonly #works: WorkRegistry;
  readonly #templates: ReadonlyMap<string, string>;
  readonly #renderers: FieldRenderers;
  readonly #updateInPlace: boolean;

  constructor(options: SymphonyRendererOptions) {
    this.#works = options.works;
    this.#templates = loadTemplates(options.templatesDir);
    this.#renderers = options.fieldRenderers ?? {};
    this.#updateInPlace = options.updateFormInPlace ?? false;
  }

  /** Names of the custom templates found in the templates folder. */
  templateNames(): string[] {
    return [...this.#templates.keys()];
  }

  /**
   * Synchronous. `action` is the action being answered (default: core's `currentAction()`); it
   * only matters with `updateFormInPlace`.
   */
  render(response: Response, action: Action | undefined = currentAction()): RenderedMessage {
    const rendered = this.#render(response);
    const replaces = this.#updateInPlace ? messageToReplace(response, action) : undefined;
    return replaces === undefined ? rendered : { ...rendered, replaces };
  }

  #render(response: Response): RenderedMessage {
    switch (response.kind) {
      case "message":
        return this.#message(response);
      case "work":
        return this.#work(response);
      case "attachment":
        return this.#attachment(response);
      case "error":
        return this.#error(response);
    }
  }

  /** The template generated for a work type, as a starting point for a custom one. */
  generatedTemplate(workType: WorkType<unknown>, mode: FormMode): string {
    return generateWorkTemplate(workType.form(mode, undefined), { renderers: this.#renderers });
  }

  #message(response: MessageResponse): RenderedMessage {
    const body = messageBody(response.content);
    if (response.buttons.length === 0) return { message: ml.messageML(body).markup };
    const buttons = response.buttons.map((b) =>
      ml.button({ name: b.id, type: "action", class: BUTTON_CLASS[b.style ?? "primary"] }, b.text),
    );
    const form = ml.form({ id: response.formId ?? DEFAULT_BUTTONS_FORM }, ...buttons);
    // The buttons it offers, so a press of any other is known forged (as for work messages).
    return { message: ml.messageML(body, form).markup, data: { buttons: buttonsData(response.buttons) } };
  }

  #work(response: WorkResponse): RenderedMessage {
    const model: FormModel =
      response.form ??
      response.workType.form(
        response.mode,
        response.value,
        response.errors,
        response.formData ? { data: response.formData } : {},
      );
    const custom = this.#templates.get(response.template);
    const hasButtons = response.buttons.length > 0;
    const message =
      custom ??
      generateWorkTemplate(model, {
        renderers: this.#renderers,
        form: hasButtons || response.mode === "edit",
      });
    return { message, data: workData(this.#works, response, model) };
  }

  #attachment(response: AttachmentResponse): RenderedMessage {
    const text = response.content ? messageBody(response.content) : ml.p(response.name);
    return {
      message: ml.messageML(text).markup,
      attachments: [{ name: response.name, content: response.bytes, contentType: response.mediaType }],
    };
  }

  #error(response: ErrorResponse): RenderedMessage {
    return { message: ml.messageML(ml.p(response.message)).markup };
  }
}
