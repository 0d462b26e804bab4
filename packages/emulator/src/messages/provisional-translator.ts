/**
 * TEMPORARY stand-in for @sprig/messageml's translator (see messageml-translation.ts): enough MessageML
 * for the emulator's own tests (text markup, mention/hash/cash, Elements forms). Not a validator.
 */
import { MessageMLError } from "@sprig/messageml";
import type { ChildNode, Element } from "domhandler";
import { parseDocument } from "htmlparser2";
import type { TranslateOptions, Translation } from "./messageml-translation.ts";

const esc = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function translateProvisionally(input: string, options: TranslateOptions): Translation {
  if (!input.trim())
    throw new MessageMLError("EMPTY_MESSAGE", "Error parsing message: the message cannot be null or empty");
  let entityJSON: Record<string, unknown> = {};
  if (options.data !== undefined) {
    try {
      const parsed = typeof options.data === "string" ? JSON.parse(options.data) : options.data;
      entityJSON = typeof parsed === "string" ? JSON.parse(parsed) : parsed;
    } catch (error) {
      throw new MessageMLError(
        "INVALID_ENTITY_JSON",
        `Error parsing EntityJSON: ${(error as Error).message}`,
      );
    }
    if (entityJSON === null || typeof entityJSON !== "object" || Array.isArray(entityJSON)) {
      throw new MessageMLError("INVALID_ENTITY_JSON", "Error parsing EntityJSON: data must be a JSON object");
    }
  }
  const doc = parseDocument(input.trim(), { xmlMode: true });
  const roots = doc.children.filter((n): n is Element => n.type === "tag");
  const root = roots[0];
  if (!root || roots.length > 1)
    throw new MessageMLError("INVALID_XML", "Invalid messageML: Content is not allowed in prolog.");
  if (root.name !== "messageML" && root.name !== "div") {
    throw new MessageMLError("INVALID_MESSAGEML", "Root tag must be <messageML> or <div>");
  }
  const counter = { n: 0 };
  const entities: Record<string, unknown> = { ...entityJSON };
  const inner = root.children.map((c) => render(c, entities, counter, options)).join("");
  return {
    presentationML: `<div data-format="PresentationML" data-version="2.0">${inner}</div>`,
    entityJSON: entities,
  };
}

function render(
  node: ChildNode,
  entities: Record<string, unknown>,
  counter: { n: number },
  options: TranslateOptions,
): string {
  if (node.type === "text") return esc(node.data.replace(/\n+/g, " "));
  if (node.type !== "tag") return "";
  const el = node as Element;
  const attrs = el.attribs;
  const kids = () => el.children.map((c) => render(c, entities, counter, options)).join("");
  const tag = (name: string, attributes: Record<string, string | undefined>, content: string | null) => {
    const rendered = Object.entries(attributes)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => ` ${k}="${esc(v!)}"`)
      .join("");
    return content === null ? `<${name}${rendered}/>` : `<${name}${rendered}>${content}</${name}>`;
  };
  switch (el.name) {
    case "mention": {
      const user = options.userLookup?.({ uid: attrs.uid, email: attrs.email });
      if (!user)
        throw new MessageMLError("INVALID_MESSAGEML", `Failed to lookup user "${attrs.uid ?? attrs.email}"`);
      const id = `mention${++counter.n}`;
      entities[id] = {
        type: "com.symphony.user.mention",
        version: "1.0",
        id: [{ type: "com.symphony.user.userId", value: user.id }],
      };
      return tag("span", { class: "entity", "data-entity-id": id }, esc(`@${user.displayName}`));
    }
    case "hash":
    case "cash": {
      const id = `keyword${++counter.n}`;
      const hash = el.name === "hash";
      entities[id] = {
        type: hash ? "org.symphonyoss.taxonomy" : "org.symphonyoss.fin.security",
        version: "1.0",
        id: [
          {
            type: hash ? "org.symphonyoss.taxonomy.hashtag" : "org.symphonyoss.fin.security.id.ticker",
            value: attrs.tag ?? "",
          },
        ],
      };
      return tag(
        "span",
        { class: "entity", "data-entity-id": id },
        esc(`${hash ? "#" : "$"}${attrs.tag ?? ""}`),
      );
    }
    case "form":
      return tag("form", { id: attrs.id, "data-multi-submit": attrs["multi-submit"] }, kids());
    case "button":
      return tag("button", { type: attrs.type ?? "action", name: attrs.name, class: attrs.class }, kids());
    case "text-field":
      return tag(
        "input",
        {
          type: "text",
          name: attrs.name,
          placeholder: attrs.placeholder,
          required: attrs.required,
          value: textOf(el) || undefined,
        },
        null,
      );
    case "textarea":
      return tag(
        "textarea",
        { name: attrs.name, placeholder: attrs.placeholder, required: attrs.required },
        esc(textOf(el)),
      );
    case "checkbox":
    case "radio":
      return tag(
        "input",
        { type: el.name, name: attrs.name, value: attrs.value ?? "on", checked: attrs.checked },
        null,
      );
    case "person-selector":
    case "room-selector":
    case "timezone-picker":
      return tag("div", { class: el.name, "data-name": attrs.name, "data-value": attrs.value }, "");
    case "date-picker":
      return tag("input", { type: "date", name: attrs.name, value: attrs.value }, null);
    case "time-picker":
      return tag("input", { type: "time", name: attrs.name, value: attrs.value }, null);
    default:
      return tag(
        el.name,
        attrs,
        el.children.length === 0 && ["br", "hr", "img"].includes(el.name) ? null : kids(),
      );
  }
}

function textOf(el: Element): string {
  return el.children
    .map((c) => (c.type === "text" ? c.data : c.type === "tag" ? textOf(c as Element) : ""))
    .join("");
}
