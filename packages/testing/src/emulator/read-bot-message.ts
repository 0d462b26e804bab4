/**
 * A message the bot posted, read back from the emulator (PresentationML + EntityJSON data), as a
 * scenario's `SentMessage`: text from the PresentationML parsed as any Symphony message is; for a
 * work message, the work object, buttons and field errors from the data the agent expanded the
 * template with, and the mode from the form as shown (edit forms have inputs). The work object is
 * decoded through the bot's own work registry, as the adapter does on a button press.
 */
import type {
  Addressable,
  ButtonView,
  FieldErrors,
  FieldNode,
  FormModel,
  Response,
  WorkRegistry,
} from "@sprig/core";
import { parseTableButtonId } from "@sprig/core";
import { parseEntityJSON, parsePresentationML } from "@sprig/messageml";
import { treeToContent } from "@sprig/symphony";
import { describeButtons, describeContent, describeForm } from "../render/describe-sent.ts";
import type { SentKind, SentMessage } from "../scenario/sent-message.ts";
import type { PodMessage } from "./dev-api.ts";
import { formsOf, type ShownForm } from "./presentation-forms.ts";

export interface ReadBotMessage extends SentMessage {
  readonly streamId: string;
  /** The form as the person's client shows it (what a press is checked against). */
  readonly shownForm?: ShownForm;
  readonly presentationML: string;
  readonly data: Record<string, unknown>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function contentsOf(entity: unknown): unknown {
  return isRecord(entity) ? entity.contents : undefined;
}

/** `meant`: the response the adapter delivered for it, when the test process saw it (kind, error code). */
export function readBotMessage(
  message: PodMessage,
  to: Addressable,
  works: WorkRegistry,
  meant?: Response,
): ReadBotMessage {
  let data: Record<string, unknown> = {};
  try {
    data = message.data ? parseEntityJSON(message.data) : {};
  } catch {
    data = {};
  }
  const shownForm = formsOf(message.message)[0];
  const buttonsInData = contentsOf(data.buttons);
  const buttons: ButtonView[] = Array.isArray(buttonsInData)
    ? buttonsInData.filter(isRecord).map((b) => button(String(b.name), String(b.text), b.class))
    : (shownForm?.buttons.map((b) => ({ id: b.name, text: b.text })) ?? []);
  const base = {
    id: message.messageId,
    streamId: message.stream.streamId,
    to,
    buttons,
    presentationML: message.message,
    data,
    ...(shownForm ? { shownForm, formId: shownForm.id } : {}),
  };

  const stored = data.form;
  if (isRecord(stored) && typeof stored.type === "string") {
    const type = works.get(stored.type);
    const draft = isRecord(data.header) && data.header.draft === true;
    const { type: _type, version: _version, ...fields } = stored;
    const value = (draft ? undefined : works.decode(stored)) ?? fields;
    const errors = (isRecord(contentsOf(data.errors)) ? contentsOf(data.errors) : {}) as FieldErrors;
    const hasInputs = (shownForm?.fields.size ?? 0) > 0;
    const mode = hasInputs ? "edit" : "view";
    const editRow = mode === "edit" ? rowBeingEdited(shownForm) : undefined;
    const built = type?.form(mode, value, errors, editRow ? { editRow } : {});
    const display = contentsOf(data.display);
    const form: FormModel | undefined =
      built && isRecord(display) ? { ...built, fields: withDisplayTexts(built.fields, display) } : built;
    const text = form ? describeForm(form) : message.message;
    return {
      ...base,
      kind: "work",
      workType: stored.type,
      formId: stored.type,
      mode,
      value,
      errors,
      ...(form ? { form } : {}),
      text: buttons.length > 0 ? `${text}\n${describeButtons(buttons)}` : text,
    };
  }

  const content = describeContent(treeToContent(parsePresentationML(message.message, message.data)));
  const kind: SentKind = meant?.kind === "error" ? "error" : "message";
  return {
    ...base,
    kind,
    errors: {},
    text: buttons.length > 0 && kind !== "error" ? `${content}\n${describeButtons(buttons)}` : content,
    ...(meant?.kind === "error" ? { errorCode: meant.code } : {}),
    ...(meant?.kind === "error" && meant.referenceId ? { referenceId: meant.referenceId } : {}),
  };
}

/**
 * Date-times as the message shows them: the bot formatted them in its readers' zone (`display` in
 * the data), which the form rebuilt here cannot know — so the text is what the person read.
 */
function withDisplayTexts(fields: readonly FieldNode[], display: Record<string, unknown>): FieldNode[] {
  return fields.map((node): FieldNode => {
    const shown = display[node.path];
    if (node.kind === "date-time" && typeof shown === "string") return { ...node, text: shown };
    if (node.kind === "object") return { ...node, fields: withDisplayTexts(node.fields, display) };
    if (node.kind === "table")
      return {
        ...node,
        rows: node.rows.map((row) => ({ ...row, cells: withDisplayTexts(row.cells, display) })),
      };
    return node;
  });
}

/** The table row open for editing, as the form shows it: the row its Done button commits. */
function rowBeingEdited(form: ShownForm | undefined): { table: string; index: number } | undefined {
  for (const shown of form?.buttons ?? []) {
    const parsed = parseTableButtonId(shown.name);
    if (parsed?.operation === "done" && parsed.index !== undefined)
      return { table: parsed.table, index: parsed.index };
  }
  return undefined;
}

function button(id: string, text: string, style: unknown): ButtonView {
  if (style === "secondary") return { id, text, style: "secondary" };
  if (style === "destructive") return { id, text, style: "danger" };
  return { id, text };
}
