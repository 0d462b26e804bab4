/**
 * The Elements forms of a message as a person's client sees them in the PresentationML the pod
 * stored: each form's id, its buttons (name and label) and the names of its inputs, with the
 * person selectors marked (their values travel as arrays of user ids).
 */
import type { ChildNode, Element } from "domhandler";
import { parseDocument } from "htmlparser2";

export interface ShownForm {
  readonly id: string;
  readonly buttons: ReadonlyArray<{ readonly name: string; readonly text: string }>;
  /** Input name → kind. */
  readonly fields: ReadonlyMap<string, "input" | "person" | "room">;
}

export function formsOf(presentationML: string): ShownForm[] {
  const forms: ShownForm[] = [];
  const visit = (
    nodes: ChildNode[],
    form:
      | { buttons: ShownForm["buttons"][number][]; fields: Map<string, "input" | "person" | "room"> }
      | undefined,
  ) => {
    for (const node of nodes) {
      if (node.type !== "tag") continue;
      const el = node as Element;
      if (el.name === "form" && el.attribs.id) {
        const shown = { id: el.attribs.id, buttons: [], fields: new Map() };
        forms.push(shown);
        visit(el.children, shown);
        continue;
      }
      if (form) readInput(el, form);
      visit(el.children, form);
    }
  };
  visit(parseDocument(presentationML, { lowerCaseAttributeNames: false }).children, undefined);
  return forms;
}

function readInput(
  el: Element,
  form: { buttons: ShownForm["buttons"][number][]; fields: Map<string, "input" | "person" | "room"> },
): void {
  const a = el.attribs;
  if (el.name === "button" && a.name) {
    form.buttons.push({ name: a.name, text: textOf(el) });
  } else if ((el.name === "input" || el.name === "textarea" || el.name === "select") && a.name) {
    form.fields.set(a.name, "input");
  } else if (el.name === "div" && a["data-name"]) {
    const classes = (a.class ?? "").split(/\s+/);
    const kind = classes.includes("person-selector")
      ? "person"
      : classes.includes("room-selector")
        ? "room"
        : "input";
    form.fields.set(a["data-name"], kind);
  }
}

function textOf(node: ChildNode): string {
  if (node.type === "text") return (node as unknown as { data: string }).data;
  if (node.type !== "tag") return "";
  return (node as Element).children.map(textOf).join("").trim();
}
