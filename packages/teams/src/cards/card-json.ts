/**
 * The Adaptive Card JSON sprig writes, as plain objects (the Teams client reads JSON, and tests
 * parse it with the `adaptivecards` library). Only the 1.5 elements sprig uses are named here.
 */
export type CardElement = Readonly<Record<string, unknown>> & { readonly type: string };

export interface AdaptiveCard {
  readonly type: "AdaptiveCard";
  readonly $schema: string;
  readonly version: string;
  readonly body: readonly CardElement[];
  readonly actions?: readonly CardElement[];
}

/** Teams renders Adaptive Cards up to schema 1.5: newer elements would show as "unsupported card". */
export const CARD_VERSION = "1.5";
export const CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
export const CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

/**
 * The key under which an `Action.Submit` names its press: the card and the button. A colon can
 * never start a field path, so no input of a form can take this key.
 */
export const PRESS_KEY = "sprig:press";

export interface PressData {
  /** The card's id in the work-state store. */
  readonly card: string;
  /** The pressed button's id. */
  readonly button: string;
}

export function card(body: readonly CardElement[], actions: readonly CardElement[] = []): AdaptiveCard {
  return {
    type: "AdaptiveCard",
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

export function textBlock(text: string, style: Readonly<Record<string, unknown>> = {}): CardElement {
  return { type: "TextBlock", text: escapeMarkdown(text), wrap: true, ...style };
}

/**
 * TextBlocks read a little markdown (bold, italic, links, lists). Text from people or data must
 * stay text: the characters that make emphasis or links, and list markers at a line's start, are
 * escaped with a backslash.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-+])(?=\s)/gm, "$1\\$2")
    .replace(/^(\s*)(\d+)\.(?=\s)/gm, "$1$2\\.");
}

export function submit(cardId: string, button: string, title: string, style?: string): CardElement {
  const press: PressData = { card: cardId, button };
  return {
    type: "Action.Submit",
    title,
    data: { [PRESS_KEY]: press },
    ...(style ? { style } : {}),
  };
}
