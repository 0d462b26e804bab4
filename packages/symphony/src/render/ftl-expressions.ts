/**
 * Small pieces of FreeMarker the generated templates are made of. Everything that is not the bot
 * author's own code reaches the message through `data` and an escaping interpolation (`?html`);
 * author strings written into a template are escaped for their place: MessageML text (`escapeText`,
 * which also defuses `${`) or a FreeMarker string literal (`ftlString`).
 */
import { escapeText } from "@sprig/messageml";

/** A FreeMarker string literal holding `s` exactly, with nothing in it interpolated. */
export function ftlString(s: string): string {
  let out = '"';
  for (const ch of s) {
    if (ch === "\\" || ch === '"' || ch === "$" || ch === "{") out += `\\${ch}`;
    else if (ch === "<") out += "\\l";
    else if (ch === ">") out += "\\g";
    else if (ch === "&") out += "\\a";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else out += ch;
  }
  return `${out}"`;
}

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `chain.key`, or `chain["key"]` when the key is not a plain FreeMarker name. */
export function member(chain: string, key: string): string {
  if (/^\d+$/.test(key)) return `${chain}[${key}]`;
  return PLAIN_NAME.test(key) ? `${chain}.${key}` : `${chain}[${ftlString(key)}]`;
}

/** Escaped text of a string value, or "" when it is missing. */
export function textOf(chain: string): string {
  return `\${((${chain})!"")?html}`;
}

/** A number without grouping (as an input's value), or "" when missing. */
export function numberOf(chain: string): string {
  return `<#if (${chain})??>\${(${chain})?c}</#if>`;
}

/** A number as people read it (grouping), or "" when missing. */
export function numberForReading(chain: string): string {
  return `<#if (${chain})??>\${${chain}}</#if>`;
}

/** Author text (labels, button texts) written into the template as MessageML text. */
export function authorText(s: string): string {
  return escapeText(s);
}

/**
 * An input's name: literal parts and FreeMarker expressions (row indexes), e.g.
 * `items.` + `r0?index?c` + `.description`.
 */
export type NamePart = { readonly literal: string } | { readonly expr: string };

export function nameAttribute(parts: readonly NamePart[]): string {
  return parts.map((p) => ("literal" in p ? escapeText(p.literal) : `\${${p.expr}}`)).join("");
}

/** The name as a FreeMarker string expression, for looking up its error. */
export function nameExpression(parts: readonly NamePart[]): string {
  if (parts.length === 0) return '""';
  return parts.map((p) => ("literal" in p ? ftlString(p.literal) : `(${p.expr})`)).join(" + ");
}

export function appendName(parts: readonly NamePart[], segment: string): NamePart[] {
  const out = [...parts];
  const last = out[out.length - 1];
  const sep = out.length === 0 ? "" : ".";
  if (last && "literal" in last) out[out.length - 1] = { literal: `${last.literal}${sep}${segment}` };
  else out.push({ literal: `${sep}${segment}` });
  return out;
}

export function appendIndex(parts: readonly NamePart[], indexExpr: string): NamePart[] {
  return [...appendName(parts, ""), { expr: indexExpr }].filter((p) => !("literal" in p) || p.literal !== "");
}
