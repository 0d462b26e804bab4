import type { MessageIndex, MessageRecord } from "../store/records.ts";

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Visible text of PresentationML: tags dropped, entities decoded, whitespace folded. */
export function visibleText(presentationML: string): string {
  return presentationML
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, ref: string) => {
      if (ref.startsWith("#x") || ref.startsWith("#X"))
        return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
      if (ref.startsWith("#")) return String.fromCodePoint(Number(ref.slice(1)));
      return NAMED[ref] ?? whole;
    })
    .replace(/\s+/g, " ")
    .trim();
}

interface EntityId {
  type?: unknown;
  value?: unknown;
}

/**
 * A message's index, made when a search first reads it and kept: most messages are never searched, and
 * reading the PresentationML again for each one was a measurable part of creating it. A record's text and
 * data never change (an edit is a new record), so the index stays true.
 */
export function messageIndex(message: MessageRecord): MessageIndex {
  message.index ??= indexMessage(message.presentationML, entityJsonOf(message.data));
  return message.index;
}

function entityJsonOf(data: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(data);
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** What search matches on: the text, and the hashtags, cashtags and mentions found in EntityJSON. */
export function indexMessage(presentationML: string, entityJSON: Record<string, unknown>): MessageIndex {
  const index: MessageIndex = {
    text: visibleText(presentationML),
    hashtags: [],
    cashtags: [],
    mentions: [],
  };
  for (const entity of Object.values(entityJSON)) {
    if (!entity || typeof entity !== "object") continue;
    const ids = (entity as { id?: unknown }).id;
    if (!Array.isArray(ids)) continue;
    for (const id of ids as EntityId[]) {
      const value =
        typeof id?.value === "string" || typeof id?.value === "number" ? String(id.value) : undefined;
      if (value === undefined) continue;
      if (id.type === "com.symphony.user.userId" && /^\d+$/.test(value)) index.mentions.push(Number(value));
      if (id.type === "org.symphonyoss.taxonomy.hashtag") index.hashtags.push(value.toLowerCase());
      if (id.type === "org.symphonyoss.fin.security.id.ticker") index.cashtags.push(value.toLowerCase());
    }
  }
  return index;
}
