/**
 * Plain-text renderings of what the bot sent: content as text, forms as their fields
 * ("Label: value", tables as rows), buttons as [Text](id). Used by SentMessage.text, by
 * assertion messages and by the terminal REPL.
 */
import type { ButtonView, FieldNode, FormModel, Message } from "@sprig/core";
import { toPlainText } from "@sprig/core";

export function describeContent(content: Message): string {
  return toPlainText(content);
}

export function describeForm(form: FormModel): string {
  const lines = [`${form.typeName} (${form.mode})`];
  if (form.formError) lines.push(`  ! ${form.formError}`);
  for (const field of form.fields) lines.push(...describeField(field, "  "));
  return lines.join("\n");
}

function describeField(field: FieldNode, indent: string): string[] {
  const error = field.error ? `   ! ${field.error}` : "";
  if (field.kind === "object" && "fields" in field) {
    return [
      `${indent}${field.label}:${error}`,
      ...field.fields.flatMap((f) => describeField(f, `${indent}  `)),
    ];
  }
  if (field.kind === "table" && "rows" in field) {
    const rows = field.rows.map(
      (row) =>
        `${indent}  ${row.index + 1}. ${row.cells.map((c) => `${c.label}: ${c.text || "-"}`).join(", ")}`,
    );
    return [`${indent}${field.label}:${rows.length === 0 ? " (none)" : ""}${error}`, ...rows];
  }
  return [`${indent}${field.label}: ${field.text || "-"}${error}`];
}

export function describeButtons(buttons: readonly ButtonView[]): string {
  return buttons.map((b) => `[${b.text}](${b.id})`).join(" ");
}
