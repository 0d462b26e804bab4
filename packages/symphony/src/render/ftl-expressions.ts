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

/*
 * Value helpers. A value in `data` is usually of its field's type, but a draft sent back after a
 * failed validation holds whatever the user typed (a word where a number belongs, …), and a template
 * error would lose the whole message: so every helper checks the type before it formats.
 */

/** The chain, parenthesised so that `??` and `!` cover all of it. */
function p(chain: string): string {
  return `(${chain})`;
}

/** A FreeMarker condition: the value exists and is of this type. */
export function isType(chain: string, type: "string" | "number" | "boolean" | "sequence" | "hash"): string {
  return `(${p(chain)}?? && ${p(chain)}?is_${type})`;
}

/** Any stored scalar as escaped text (numbers without grouping); nothing for lists, objects or no value. */
export function scalarText(chain: string): string {
  const c = p(chain);
  return `<#if ${c}??><#if ${c}?is_string>\${${c}?html}<#elseif ${c}?is_number || ${c}?is_boolean>\${${c}?c}</#if></#if>`;
}

/** A number as people read it (grouping); any other scalar as it is. */
export function numberForReading(chain: string): string {
  const c = p(chain);
  return `<#if ${isType(chain, "number")}>\${${c}}<#else>${scalarText(chain)}</#if>`;
}

/** "Yes" / "No" for a boolean (missing = No); any other scalar as it is. */
export function yesNo(chain: string): string {
  const c = p(chain);
  return `<#if ${c}??><#if ${c}?is_boolean>\${${c}?string("Yes", "No")}<#else>${scalarText(chain)}</#if><#else>No</#if>`;
}

/** Condition: the value is true. */
export function isTrue(chain: string): string {
  return `(${isType(chain, "boolean")} && ${p(chain)})`;
}

/** Condition: a string or number value equals the FreeMarker string expression `other`. */
export function equalsText(chain: string, other: string): string {
  const c = p(chain);
  return `(${c}?? && (${c}?is_string || ${c}?is_number) && ${c}?string == ${other})`;
}

/** Condition: a list value holds the FreeMarker string expression `other`. */
export function listHolds(chain: string, other: string): string {
  return `(${isType(chain, "sequence")} && ${p(chain)}?seq_contains(${other}))`;
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
