import type { Element } from "domhandler";
import { parseDocument } from "htmlparser2";

/** One input of an Elements form, as read back from the PresentationML the pod stored. */
export type FormField =
  | { kind: "text"; name: string; initial: string }
  | { kind: "checkbox"; name: string; options: Array<{ value: string; checked: boolean }> }
  | { kind: "radio"; name: string; options: Array<{ value: string; checked: boolean }> }
  | { kind: "select"; name: string; multiple: boolean; options: Array<{ value: string; selected: boolean }> }
  | { kind: "person"; name: string; initial: number[] }
  | { kind: "room"; name: string; initial: string[] };

export interface FormDefinition {
  id: string;
  multiSubmit: boolean;
  /** Names of the buttons that submit (type action or cancel). */
  buttons: Set<string>;
  fields: Map<string, FormField>;
}

/** Every `<form>` in a PresentationML message, by id. */
export function readForms(presentationML: string): Map<string, FormDefinition> {
  const forms = new Map<string, FormDefinition>();
  const doc = parseDocument(presentationML, { lowerCaseAttributeNames: false });
  walk(doc.children as Element[], (el) => {
    if (el.name !== "form" || !el.attribs.id) return false;
    const form: FormDefinition = {
      id: el.attribs.id,
      multiSubmit: el.attribs["data-multi-submit"] !== undefined,
      buttons: new Set(),
      fields: new Map(),
    };
    walk(el.children as Element[], (inner) => {
      readElement(inner, form);
      return true;
    });
    forms.set(form.id, form);
    return false;
  });
  return forms;
}

function walk(nodes: Element[], visit: (el: Element) => boolean): void {
  for (const node of nodes) {
    if (node.type !== "tag") continue;
    if (visit(node) !== false || node.name !== "form") walk(node.children as Element[], visit);
  }
}

function readElement(el: Element, form: FormDefinition): void {
  const a = el.attribs;
  const cls = (a.class ?? "").split(/\s+/);
  if (el.name === "button") {
    const type = a.type ?? "action";
    if ((type === "action" || type === "cancel") && a.name) form.buttons.add(a.name);
    return;
  }
  if (el.name === "input" && a.name) {
    const type = a.type ?? "text";
    if (type === "checkbox" || type === "radio") {
      const existing = form.fields.get(a.name);
      const option = {
        value: a.value ?? "on",
        checked: a.checked === "true" || a.checked === "" || a.checked === "checked",
      };
      if (existing && existing.kind === type) existing.options.push(option);
      else form.fields.set(a.name, { kind: type, name: a.name, options: [option] });
      return;
    }
    form.fields.set(a.name, { kind: "text", name: a.name, initial: a.value ?? "" });
    return;
  }
  if (el.name === "textarea" && a.name) {
    form.fields.set(a.name, { kind: "text", name: a.name, initial: textOf(el) });
    return;
  }
  if (el.name === "select" && a.name) {
    const options = (el.children as Element[])
      .filter((c) => c.type === "tag" && c.name === "option")
      .map((o) => ({
        value: o.attribs.value ?? textOf(o),
        selected: o.attribs.selected === "true" || o.attribs.selected === "",
      }));
    form.fields.set(a.name, { kind: "select", name: a.name, multiple: a.multiple === "true", options });
    return;
  }
  const name = a["data-name"];
  if (el.name === "div" && name) {
    if (cls.includes("person-selector"))
      form.fields.set(name, {
        kind: "person",
        name,
        initial: jsonArray(a["data-value"]).map(Number).filter(Number.isSafeInteger),
      });
    else if (cls.includes("room-selector"))
      form.fields.set(name, { kind: "room", name, initial: jsonArray(a["data-value"]).map(String) });
    else form.fields.set(name, { kind: "text", name, initial: a["data-value"] ?? "" });
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
