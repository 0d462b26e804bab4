/**
 * A work response as an Adaptive Card (1.5), from core's form model: one element per field kind,
 * read-only facts in view mode, inputs in edit mode, each field's error right under its input, the
 * table controls (select, edit, add, delete, done, cancel) as `Action.Submit`s, and the response's
 * buttons as the card's actions. Every input's id is the field's dotted path, so a submission
 * comes back as core's flat form values.
 */
import type {
  ButtonView,
  Chat,
  ChoiceOption,
  FieldNode,
  FormModel,
  TableButtons,
  TableField,
  TableRow,
  User,
} from "@sprig/core";
import { TABLE_BUTTON_TEXT, tableButtonId } from "@sprig/core";
import { type AdaptiveCard, type CardElement, card, escapeMarkdown, submit, textBlock } from "./card-json.ts";

export interface FormCardOptions {
  /** The card's id in the work-state store: every press names it. */
  readonly cardId: string;
  readonly buttons: readonly ButtonView[];
  /** The conversation's members: the choices of a person picker. */
  readonly people?: readonly User[];
  /** Chats the bot knows: the choices of a chat picker. */
  readonly chats?: readonly Chat[];
}

interface Scope {
  readonly cardId: string;
  readonly edit: boolean;
  readonly people: readonly User[];
  readonly chats: readonly Chat[];
}

const ATTENTION = { color: "Attention", spacing: "None", size: "Small" } as const;

export function formCard(form: FormModel, options: FormCardOptions): AdaptiveCard {
  const scope: Scope = {
    cardId: options.cardId,
    edit: form.mode === "edit",
    people: options.people ?? [],
    chats: options.chats ?? [],
  };
  const body: CardElement[] = [];
  if (form.formError) body.push(textBlock(form.formError, { color: "Attention", weight: "Bolder" }));
  body.push(...fieldsOf(form.fields, scope));
  if (body.length === 0) body.push(textBlock(" "));
  return withButtons(body, options.cardId, options.buttons);
}

export function buttonActions(cardId: string, buttons: readonly ButtonView[]): CardElement[] {
  return buttons.map((b) => submit(cardId, b.id, b.text, actionStyle(b.style)));
}

/** Teams shows at most this many actions in one row (the card's, or an ActionSet's). */
export const MAX_ACTIONS = 5;

/**
 * A card with its buttons: up to five as the card's own actions; more (a help page) in rows of
 * ActionSets at the end of the body, so none is dropped.
 */
export function withButtons(
  body: readonly CardElement[],
  cardId: string,
  buttons: readonly ButtonView[],
): AdaptiveCard {
  const actions = buttonActions(cardId, buttons);
  if (actions.length <= MAX_ACTIONS) return card(body, actions);
  const rows: CardElement[] = [];
  for (let i = 0; i < actions.length; i += MAX_ACTIONS) {
    rows.push({ type: "ActionSet", actions: actions.slice(i, i + MAX_ACTIONS) });
  }
  return card([...body, ...rows]);
}

function actionStyle(style: ButtonView["style"]): string | undefined {
  if (style === "primary") return "positive";
  if (style === "danger") return "destructive";
  return undefined;
}

/** Fields in order; neighbouring read-only leaves share one FactSet. */
function fieldsOf(fields: readonly FieldNode[], scope: Scope): CardElement[] {
  const out: CardElement[] = [];
  let facts: { title: string; value: string }[] = [];
  const flush = () => {
    if (facts.length > 0) out.push({ type: "FactSet", facts: facts.map(escapedFact) });
    facts = [];
  };
  for (const node of fields) {
    if (node.kind === "object") {
      flush();
      out.push(objectContainer(node.label, node.fields, scope));
    } else if (node.kind === "table") {
      flush();
      out.push(tableContainer(node, scope));
    } else if (scope.edit && !node.readOnly) {
      flush();
      out.push(...inputFor(node, scope), ...errorOf(node));
    } else {
      facts.push({ title: node.label, value: node.text === "" ? "—" : node.text });
      if (scope.edit && node.error) {
        flush();
        out.push(...errorOf(node));
      }
    }
  }
  flush();
  return out;
}

/** A fact's title and value read markdown as TextBlocks do. */
function escapedFact(fact: { title: string; value: string }) {
  return { title: escapeMarkdown(fact.title), value: escapeMarkdown(fact.value) };
}

function objectContainer(label: string, fields: readonly FieldNode[], scope: Scope): CardElement {
  return {
    type: "Container",
    separator: true,
    items: [textBlock(label, { weight: "Bolder" }), ...fieldsOf(fields, scope)],
  };
}

function errorOf(node: FieldNode): CardElement[] {
  return node.error ? [textBlock(node.error, ATTENTION)] : [];
}

function common(node: FieldNode): Record<string, unknown> {
  return {
    id: node.path,
    label: node.label,
    ...(node.required ? { isRequired: true, errorMessage: `${node.label} is required` } : {}),
    ...(node.placeholder ? { placeholder: node.placeholder } : {}),
  };
}

function inputFor(node: FieldNode, scope: Scope): CardElement[] {
  switch (node.kind) {
    case "text":
      return [
        {
          type: "Input.Text",
          ...common(node),
          ...(node.value === "" ? {} : { value: node.value }),
          ...(node.maxLength === undefined ? {} : { maxLength: node.maxLength }),
          ...(node.multiline || node.widget === "textarea" ? { isMultiline: true } : {}),
        },
      ];
    case "number":
      return [
        {
          type: "Input.Number",
          ...common(node),
          ...(node.value === undefined ? {} : { value: node.value }),
          ...(node.min === undefined ? {} : { min: node.min }),
          ...(node.max === undefined ? {} : { max: node.max }),
        },
      ];
    case "boolean":
      return [
        {
          type: "Input.Toggle",
          id: node.path,
          label: node.label,
          title: node.label,
          value: node.value ? "true" : "false",
          valueOn: "true",
          valueOff: "false",
        },
      ];
    case "choice":
    case "dropdown":
      return [choiceSet(node, node.options, node.value, node.multiple)];
    case "date":
      return [
        {
          type: "Input.Date",
          ...common(node),
          ...(node.value ? { value: node.value } : {}),
          ...(node.min ? { min: node.min } : {}),
          ...(node.max ? { max: node.max } : {}),
        },
      ];
    case "time":
      return [
        { type: "Input.Time", ...common(node), ...(node.value ? { value: node.value.slice(0, 5) } : {}) },
      ];
    case "date-time":
      return [textInput(node, node.value, "2026-11-21T09:05:00Z")];
    case "timezone":
      return [textInput(node, node.value, "Europe/London")];
    case "user":
      return [addressablePicker(node, node.value, node.options ?? [], scope.people, node.multiple)];
    case "chat":
      return [addressablePicker(node, node.value, node.options ?? [], scope.chats, node.multiple)];
    case "custom":
      return [textInput(node, node.text, undefined)];
    case "object":
    case "table":
      return fieldsOf([node], scope);
  }
}

function textInput(node: FieldNode, value: string | undefined, example: string | undefined): CardElement {
  return {
    type: "Input.Text",
    ...(example ? { placeholder: `e.g. ${example}` } : {}),
    ...common(node),
    ...(value ? { value } : {}),
  };
}

function choiceSet(
  node: FieldNode,
  options: readonly ChoiceOption[],
  value: readonly string[],
  multiple: boolean,
): CardElement {
  // A choice set needs choices: with none known (no members, no options given), the id is typed.
  if (options.length === 0) return textInput(node, value.join(","), multiple ? "id1,id2" : "an id");
  return {
    type: "Input.ChoiceSet",
    ...common(node),
    style: options.length > 8 ? "filtered" : "compact",
    choices: options.map((o) => ({ title: o.label === "" ? o.value : o.label, value: o.value })),
    ...(multiple ? { isMultiSelect: true } : {}),
    ...(value.length > 0 ? { value: value.join(",") } : {}),
  };
}

/** A person or chat picker: the chosen ones, the form's options and the known ones, each once. */
function addressablePicker(
  node: FieldNode,
  chosen: readonly (User | Chat)[],
  options: readonly (User | Chat)[],
  known: readonly (User | Chat)[],
  multiple: boolean,
): CardElement {
  const all = uniqueById([...chosen, ...options, ...known]);
  return choiceSet(
    node,
    all.map(asOption),
    chosen.map((c) => c.id),
    multiple,
  );
}

function asOption(who: User | Chat): ChoiceOption {
  return { value: who.id, label: who.name ?? who.id };
}

function uniqueById<T extends { readonly id: string }>(items: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(item.id)) seen.set(item.id, item);
  return [...seen.values()];
}

/** A table: column headings, one line per row (its cells as inputs while it is edited), controls. */
function tableContainer(table: TableField, scope: Scope): CardElement {
  const edit = scope.edit && !table.readOnly;
  const items: CardElement[] = [textBlock(table.label, { weight: "Bolder" })];
  if (table.rows.length === 0) items.push(textBlock("(none)", { isSubtle: true, spacing: "None" }));
  else items.push(headings(table, edit));
  for (const row of table.rows) items.push(...rowElements(row, scope, edit));
  items.push(...errorOf(table));
  if (edit && table.buttons) items.push(tableActions(scope.cardId, table, table.buttons));
  return { type: "Container", separator: true, items };
}

function headings(table: TableField, edit: boolean): CardElement {
  const columns = table.columns.map((c) => column([textBlock(c.label, { weight: "Bolder" })]));
  return { type: "ColumnSet", columns: edit ? [column([textBlock(" ")], "auto"), ...columns] : columns };
}

function column(items: readonly CardElement[], width: string = "stretch"): CardElement {
  return { type: "Column", width, items };
}

function rowElements(row: TableRow, scope: Scope, edit: boolean): CardElement[] {
  if (row.editing) {
    return [
      {
        type: "Container",
        style: "emphasis",
        items: [
          textBlock(`Row ${row.index + 1}`, { weight: "Bolder" }),
          ...fieldsOf(row.cells, { ...scope, edit: true }),
        ],
      },
    ];
  }
  const cells = row.cells.map((cell) => column([textBlock(cell.text === "" ? "—" : cell.text)]));
  const columns = [...cells];
  if (edit && row.selectName) {
    columns.unshift(
      column(
        [
          {
            type: "Input.Toggle",
            id: row.selectName,
            title: " ",
            value: "false",
            valueOn: "true",
            valueOff: "false",
          },
        ],
        "auto",
      ),
    );
  }
  if (edit && row.editButton) {
    columns.push(
      column(
        [{ type: "ActionSet", actions: [submit(scope.cardId, row.editButton, TABLE_BUTTON_TEXT.edit)] }],
        "auto",
      ),
    );
  }
  const errors = row.cells.flatMap(errorOf);
  return [{ type: "ColumnSet", columns }, ...errors];
}

function tableActions(cardId: string, table: TableField, buttons: TableButtons): CardElement {
  const actions: CardElement[] = [];
  if (buttons.done) actions.push(submit(cardId, buttons.done, TABLE_BUTTON_TEXT.done, "positive"));
  if (buttons.cancel) actions.push(submit(cardId, buttons.cancel, TABLE_BUTTON_TEXT.cancel));
  if (!buttons.done) {
    actions.push(submit(cardId, buttons.addRow || tableButtonId("add", table.path), TABLE_BUTTON_TEXT.add));
    if (table.rows.length > 0) actions.push(submit(cardId, buttons.deleteRows, TABLE_BUTTON_TEXT.delete));
  }
  return { type: "ActionSet", actions };
}
