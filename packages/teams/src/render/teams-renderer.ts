/**
 * A response → the Teams message activity that shows it: a work response as an Adaptive Card
 * (generated from the form model, or a named template), a message as Teams HTML (or as a card when
 * it has buttons), an error as escaped text, an attachment as an inline file. A card also yields
 * the record the state store keeps for it: Teams keeps no data with a message.
 */
import type { Chat, Response, User, WorkRegistry } from "@sprig/core";
import { toPlainText, walkFields } from "@sprig/core";
import { type AdaptiveCard, CARD_CONTENT_TYPE, textBlock } from "../cards/card-json.ts";
import { buttonActions, formCard, withButtons } from "../cards/form-card.ts";
import type { CardTemplates } from "../cards/templates.ts";
import type { CardRecord } from "../state/state-store.ts";
import { escapeHtml, messageToHtml } from "./content-to-html.ts";

export interface RenderContext {
  readonly cardId: string;
  readonly conversationId: string;
  readonly time: Date;
  readonly people?: readonly User[];
  readonly chats?: readonly Chat[];
}

export interface Rendered {
  readonly activity: Record<string, unknown>;
  /** The card's record, when the message is a card people can press. */
  readonly card?: Omit<CardRecord, "activityId">;
}

export class TeamsRenderer {
  readonly #works: WorkRegistry;
  readonly #templates: CardTemplates | undefined;
  readonly #platform: string;

  constructor(works: WorkRegistry, platform: string, templates?: CardTemplates) {
    this.#works = works;
    this.#platform = platform;
    this.#templates = templates;
  }

  /** Does this response's card offer a person picker (so the renderer needs the members)? */
  needsPeople(response: Response): boolean {
    if (response.kind !== "work" || response.mode !== "edit") return false;
    const form = response.form ?? response.workType.form(response.mode, response.value, response.errors);
    for (const node of walkFields(form.fields)) if (node.kind === "user" && !node.readOnly) return true;
    return false;
  }

  render(response: Response, context: RenderContext): Rendered {
    switch (response.kind) {
      case "work": {
        const form = response.form ?? response.workType.form(response.mode, response.value, response.errors);
        const data = response.draft ? undefined : this.#works.encode(response.value);
        const isDefault = response.template === form.template && response.template.startsWith("default-");
        const adaptive =
          !isDefault && this.#templates
            ? this.#templates.render(response.template, {
                form: data ?? response.value,
                errors: response.errors,
                buttons: buttonActions(context.cardId, response.buttons),
                formData: response.formData ?? {},
              })
            : formCard(form, {
                cardId: context.cardId,
                buttons: response.buttons,
                ...(context.people ? { people: context.people } : {}),
                ...(context.chats ? { chats: context.chats } : {}),
              });
        return {
          activity: cardActivity(adaptive),
          card: {
            cardId: context.cardId,
            conversationId: context.conversationId,
            formId: response.workType.typeName,
            typeName: response.workType.typeName,
            tags: response.tags,
            ...(data === undefined ? {} : { data }),
            offered: { buttons: response.buttons.map((b) => b.id), editable: response.mode === "edit" },
            inputs: inputIds(adaptive),
            ...(response.formData ? { formData: storable(response.formData) } : {}),
            time: context.time.toISOString(),
          },
        };
      }
      case "message": {
        if (response.buttons.length === 0) {
          const html = messageToHtml(response.content, this.#platform);
          return { activity: textActivity(html.text, html.entities) };
        }
        const lines = toPlainText(response.content)
          .split("\n")
          .filter((line) => line.trim() !== "");
        const adaptive = withButtons(
          lines.map((line) => textBlock(line)),
          context.cardId,
          response.buttons,
        );
        return {
          activity: cardActivity(adaptive),
          card: {
            cardId: context.cardId,
            conversationId: context.conversationId,
            ...(response.formId ? { formId: response.formId } : {}),
            tags: [],
            offered: { buttons: response.buttons.map((b) => b.id), editable: false },
            time: context.time.toISOString(),
          },
        };
      }
      case "error":
        return { activity: textActivity(`<p>${escapeHtml(response.message)}</p>`, []) };
      case "attachment": {
        const text = response.content ? messageToHtml(response.content, this.#platform) : undefined;
        return {
          activity: {
            type: "message",
            ...(text ? { text: text.text, textFormat: "xml", entities: text.entities } : {}),
            attachments: [
              {
                contentType: response.mediaType,
                name: response.name,
                contentUrl: `data:${response.mediaType};base64,${Buffer.from(response.bytes).toString("base64")}`,
              },
            ],
          },
        };
      }
    }
  }
}

function cardActivity(adaptive: AdaptiveCard): Record<string, unknown> {
  return { type: "message", attachments: [{ contentType: CARD_CONTENT_TYPE, content: adaptive }] };
}

function textActivity(text: string, entities: readonly object[]): Record<string, unknown> {
  return { type: "message", text, textFormat: "xml", ...(entities.length > 0 ? { entities } : {}) };
}

/** Ids of every input in a card, wherever it stands. */
function inputIds(card: unknown): string[] {
  const ids: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const n = node as Record<string, unknown>;
      if (typeof n.type === "string" && n.type.startsWith("Input.") && typeof n.id === "string")
        ids.push(n.id);
      for (const value of Object.values(n)) if (typeof value === "object") walk(value);
    }
  };
  walk(card);
  return ids;
}

/** Form data as JSON keeps it (dates as strings, no functions): what the store can hold. */
function storable(data: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  return JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
}
