/** Builders for MessageML's shorthand tags: mention, hash, cash, emoji, dateTime, chime, cards. */
import { type Attributes, element } from "./element.ts";
import type { MessageMLFragment } from "./fragment.ts";
import type { MessageMLChild } from "./template.ts";

/** A user mention by id or e-mail. `strict: false` lets the agent send it even if the user is unknown. */
export type MentionTarget = ({ uid: string | number | bigint } | { email: string }) & { strict?: boolean };

export function mention(target: MentionTarget): MessageMLFragment {
  return element("mention", target as Attributes);
}

/** `#tag`. */
export function hash(tagName: string): MessageMLFragment {
  return element("hash", { tag: tagName });
}

/** `$TICKER`. */
export function cash(tagName: string): MessageMLFragment {
  return element("cash", { tag: tagName });
}

export interface FinancialTagAttributes {
  fallbackTicker: string;
  isin?: string;
  cusip?: string;
  sedol?: string;
  figi?: string;
  bbgcompticker?: string;
  "figi-ticker"?: string;
  "us-code"?: string;
  fullbbgcompticker?: string;
  "local-code"?: string;
  "instrument-class"?: string;
  "return-main-listing"?: boolean;
  "operational-mic"?: string;
  "country-code"?: string;
}

/** Enhanced financial tag `<tag fallback-ticker="…" …/>`. */
export function financialTag({ fallbackTicker, ...rest }: FinancialTagAttributes): MessageMLFragment {
  return element("tag", { "fallback-ticker": fallbackTicker, ...rest } as Attributes);
}

export interface EmojiAttributes {
  shortcode: string;
  family?: string;
  size?: "normal" | "big" | "bigger" | "huge";
}

/** An emoji by shortcode; children (if any) replace the glyph. */
export function emoji(attributes: EmojiAttributes, ...children: MessageMLChild[]): MessageMLFragment {
  return element("emoji", attributes as unknown as Attributes, ...children);
}

export interface DateTimeAttributes {
  value: string | Date;
  format?: "date" | "date_time" | "time" | "time_secs";
  locale?: string;
  tz?: string;
}

/** `<dateTime value="…"/>` rendered in each reader's time zone. */
export function dateTime({ value, ...rest }: DateTimeAttributes): MessageMLFragment {
  const iso = value instanceof Date ? value.toISOString().replace(/\.\d{3}Z$/, "Z") : value;
  return element("dateTime", { value: iso, ...rest } as Attributes);
}

/** A chime; it must be the only content of the message. */
export function chime(): MessageMLFragment {
  return element("chime");
}

export interface CardParts {
  header?: MessageMLChild;
  body?: MessageMLChild;
}

export interface CardAttributes {
  iconSrc?: string;
  accent?: string;
  class?: string;
}

/** `<card>` with a header that is always visible and a body the reader expands. */
export function card(attributes: CardAttributes, parts: CardParts): MessageMLFragment {
  return element(
    "card",
    attributes as Attributes,
    parts.header !== undefined && element("header", undefined, parts.header),
    parts.body !== undefined && element("body", undefined, parts.body),
  );
}

export interface ExpandableCardParts {
  state: "collapsed" | "cropped" | "expanded";
  header?: MessageMLChild;
  body: MessageMLChild;
  variant?: "default" | "error";
  class?: string;
}

export function expandableCard(parts: ExpandableCardParts): MessageMLFragment {
  return element(
    "expandable-card",
    { state: parts.state, class: parts.class },
    parts.header !== undefined && element("header", undefined, parts.header),
    element("body", { variant: parts.variant }, parts.body),
  );
}
