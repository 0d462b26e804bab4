import type { OutputFormat } from "./template-ast.ts";

/** Escapes applied by `?html`, `?xml` and by auto-escaping under an `output_format`. */
const HTML: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;" };
const XML: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" };

const RTF: Record<string, string> = { "\\": "\\\\", "{": "\\{", "}": "\\}" };

const SPECIAL = /[<>&"']/;
const SPECIAL_ALL = /[<>&"']/g;

// Most values have nothing to escape: test once before building a new string.
export function escapeHtml(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (ch) => HTML[ch] as string) : text;
}

export function escapeXml(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (ch) => XML[ch] as string) : text;
}

export function escapeRtf(text: string): string {
  return /[\\{}]/.test(text) ? text.replace(/[\\{}]/g, (ch) => RTF[ch] as string) : text;
}

/** The formats whose values are markup (escaped text); JavaScript, JSON and CSS are plain text. */
export function isMarkupFormat(format: OutputFormat): boolean {
  return format === "HTML" || format === "XHTML" || format === "XML" || format === "RTF";
}

/** Escapes plain text for a markup output format (other formats take text as it is). */
export function escapeFor(format: OutputFormat, text: string): string {
  if (format === "HTML" || format === "XHTML") return escapeHtml(text);
  if (format === "XML") return escapeXml(text);
  if (format === "RTF") return escapeRtf(text);
  return text;
}
