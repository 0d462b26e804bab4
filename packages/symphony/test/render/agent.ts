/**
 * The agent's side, for tests: expand + translate a rendered message as the agent would
 * (translateMessageML runs @sprig/messageml's FreeMarker subset with `data`), then read the
 * PresentationML's elements back.
 */
import { translateMessageML } from "@sprig/messageml";
import type { RenderedMessage } from "../../src/index.ts";

export interface PmlElement {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  /** Text up to the element's end tag (only for elements without child elements). */
  readonly text: string;
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, e: string) => {
    if (e.startsWith("#x") || e.startsWith("#X"))
      return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith("#")) return String.fromCodePoint(Number(e.slice(1)));
    return ENTITIES[e] ?? _;
  });
}

/** Every start tag with its attributes (decoded) and, for leaf elements, its text. */
export function elements(pml: string): PmlElement[] {
  const out: PmlElement[] = [];
  const tag = /<([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/g;
  for (let m = tag.exec(pml); m !== null; m = tag.exec(pml)) {
    const attrs: Record<string, string> = {};
    for (const a of (m[2] ?? "").matchAll(/([\w:-]+)="([^"]*)"/g))
      attrs[a[1] as string] = decode(a[2] as string);
    let text = "";
    if (m[3] !== "/") {
      const rest = pml.slice(tag.lastIndex);
      const end = rest.indexOf(`</${m[1]}>`);
      const inner = end >= 0 ? rest.slice(0, end) : "";
      if (!inner.includes("<")) text = decode(inner);
    }
    out.push({ tag: m[1] as string, attrs, text });
  }
  return out;
}

export interface AgentView {
  readonly presentationML: string;
  readonly entityJSON: Record<string, unknown>;
  readonly elements: PmlElement[];
  /** The element carrying this name (`name` or `data-name`). */
  named(name: string): PmlElement | undefined;
  buttons(): { name: string; text: string }[];
  formId(): string | undefined;
}

export function agent(rendered: RenderedMessage): AgentView {
  const result = translateMessageML(rendered.message, rendered.data ? { data: rendered.data } : {});
  const els = elements(result.presentationML);
  return {
    presentationML: result.presentationML,
    entityJSON: result.entityJSON,
    elements: els,
    named: (name) => els.find((e) => (e.attrs.name ?? e.attrs["data-name"]) === name && e.tag !== "button"),
    buttons: () =>
      els.filter((e) => e.tag === "button").map((e) => ({ name: e.attrs.name ?? "", text: e.text })),
    formId: () => els.find((e) => e.tag === "form")?.attrs.id,
  };
}
