import type { OutputFormat } from "./template-ast.ts";

/** Escapes applied by `?html`, `?xml` and by auto-escaping under an `output_format`. */
const HTML: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;" };
const XML: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" };

export function escapeHtml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => HTML[ch] as string);
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => XML[ch] as string);
}

export function escapeFor(format: OutputFormat, text: string): string {
  if (format === "HTML" || format === "XHTML") return escapeHtml(text);
  if (format === "XML") return escapeXml(text);
  return text;
}
