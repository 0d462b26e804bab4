import type { ChildNode, Element } from "domhandler";
import { parseDocument } from "htmlparser2";

/** What every input of a form has: its name and the constraints the Symphony client enforces. */
interface FieldBase {
  name: string;
  required: boolean;
  /** disabled or readonly: the person cannot change the value. */
  locked: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}

/** One input of an Elements form, as read back from the PresentationML the pod stored. */
export type FormField = FieldBase &
  (
    | {
        kind: "text";
        initial: string;
        /** The most characters the client lets a person enter: 128 in a text-field, 10,000 in a textarea. */
        longest: number;
      }
    | { kind: "checkbox" | "radio"; options: Array<{ value: string; checked: boolean }> }
    | { kind: "select"; multiple: boolean; options: Array<{ value: string; selected: boolean }> }
    | { kind: "person"; initial: number[] }
    | { kind: "room"; initial: string[] }
  );

export interface FormDefinition {
  id: string;
  multiSubmit: boolean;
  /** Submit buttons (type action or cancel) by name → whether they skip validation (formnovalidate). */
  buttons: Map<string, { skipsValidation: boolean }>;
  fields: Map<string, FormField>;
}

/** Every `<form>` in a PresentationML message, by id. */
export function readForms(presentationML: string): Map<string, FormDefinition> {
  const forms = new Map<string, FormDefinition>();
  const findForms = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (node.type !== "tag") continue;
      const el = node as Element;
      if (el.name === "form" && el.attribs.id) forms.set(el.attribs.id, readForm(el));
      else findForms(el.children);
    }
  };
  findForms(parseDocument(presentationML, { lowerCaseAttributeNames: false }).children);
  return forms;
}

function readForm(formElement: Element): FormDefinition {
  const form: FormDefinition = {
    id: formElement.attribs.id!,
    multiSubmit: formElement.attribs["data-multi-submit"] !== undefined,
    buttons: new Map(),
    fields: new Map(),
  };
  const visit = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (node.type !== "tag") continue;
      readElement(node as Element, form);
      visit((node as Element).children);
    }
  };
  visit(formElement.children);
  return form;
}

const isTrue = (value: string | undefined) =>
  value === "true" || value === "" || value === "checked" || value === "selected";
const intOf = (value: string | undefined) =>
  value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;

function base(el: Element, name: string): FieldBase {
  const a = el.attribs;
  return {
    name,
    required: isTrue(a.required) || isTrue(a["data-required"]),
    locked: isTrue(a.disabled) || isTrue(a.readonly),
    minLength: intOf(a.minlength),
    maxLength: intOf(a.maxlength),
    pattern: a.pattern,
  };
}

/** What the Symphony client lets a person type: a text-field holds 128 characters, a textarea 10,000. */
const TEXT_FIELD_LONGEST = 128;
const TEXTAREA_LONGEST = 10_000;

function readElement(el: Element, form: FormDefinition): void {
  const a = el.attribs;
  if (el.name === "button") {
    const type = a.type ?? "action";
    if ((type === "action" || type === "cancel") && a.name) {
      form.buttons.set(a.name, { skipsValidation: isTrue(a["data-formnovalidate"]) || type === "cancel" });
    }
    return;
  }
  if (el.name === "input" && a.name) {
    const type = a.type ?? "text";
    if (type === "checkbox" || type === "radio") {
      const existing = form.fields.get(a.name);
      const option = { value: a.value ?? "on", checked: isTrue(a.checked) };
      if (existing && existing.kind === type) existing.options.push(option);
      else form.fields.set(a.name, { ...base(el, a.name), kind: type, options: [option] });
      return;
    }
    const field = base(el, a.name);
    const longest = Math.min(field.maxLength ?? TEXT_FIELD_LONGEST, TEXT_FIELD_LONGEST);
    form.fields.set(a.name, { ...field, kind: "text", initial: a.value ?? "", longest });
    return;
  }
  if (el.name === "textarea" && a.name) {
    const field = base(el, a.name);
    const longest = Math.min(field.maxLength ?? TEXTAREA_LONGEST, TEXTAREA_LONGEST);
    form.fields.set(a.name, { ...field, kind: "text", initial: textOf(el), longest });
    return;
  }
  if (el.name === "select" && a.name) {
    const options = el.children
      .filter((c): c is Element => c.type === "tag" && (c as Element).name === "option")
      .map((o) => ({ value: o.attribs.value ?? textOf(o), selected: isTrue(o.attribs.selected) }));
    form.fields.set(a.name, { ...base(el, a.name), kind: "select", multiple: isTrue(a.multiple), options });
    return;
  }
  const name = a["data-name"];
  if (el.name !== "div" || !name) return;
  const classes = (a.class ?? "").split(/\s+/);
  if (classes.includes("person-selector")) {
    const initial = jsonArray(a["data-value"]).map(Number).filter(Number.isSafeInteger);
    form.fields.set(name, { ...base(el, name), kind: "person", initial });
  } else if (classes.includes("room-selector")) {
    form.fields.set(name, {
      ...base(el, name),
      kind: "room",
      initial: jsonArray(a["data-value"]).map(String),
    });
  } else {
    form.fields.set(name, {
      ...base(el, name),
      kind: "text",
      initial: a["data-value"] ?? "",
      longest: TEXTAREA_LONGEST,
    });
  }
}

function jsonArray(raw: string | undefined): unknown[] {
  if (!raw) return [];
  try {
    const parsed = JSON.parse(raw.replace(/'/g, '"'));
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

function textOf(el: Element): string {
  return el.children
    .map((c) =>
      c.type === "text" ? (c as { data: string }).data : c.type === "tag" ? textOf(c as Element) : "",
    )
    .join("");
}
