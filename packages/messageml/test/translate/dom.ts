/** Test helper: PresentationML as a comparable DOM (attribute order ignored, generated ids dropped). */
import { SaxesParser } from "saxes";

export interface Dom {
  name: string;
  attributes: Record<string, string>;
  children: (Dom | string)[];
}

const GENERATED = new Set(["id", "for", "data-target-id"]);

export function dom(xml: string, ignore: ReadonlySet<string> = GENERATED): Dom {
  const parser = new SaxesParser();
  const stack: Dom[] = [];
  let root: Dom | undefined;
  parser.on("error", (e) => {
    throw e;
  });
  parser.on("opentag", (tag) => {
    const attributes: Record<string, string> = {};
    for (const name of Object.keys(tag.attributes).sort()) {
      if (!ignore.has(name)) attributes[name] = tag.attributes[name] as string;
    }
    const node: Dom = { name: tag.name, attributes, children: [] };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else root = node;
    stack.push(node);
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.on("text", (t) => {
    const parent = stack[stack.length - 1];
    if (!parent) return;
    const last = parent.children[parent.children.length - 1];
    if (typeof last === "string") parent.children[parent.children.length - 1] = last + t;
    else parent.children.push(t);
  });
  parser.write(xml).close();
  if (!root) throw new Error("no root element");
  return root;
}

/** The same DOM with text whitespace normalised (pretty-printed fixtures vs the agent's single-line output). */
export function normalizedDom(xml: string): Dom {
  return normalize(dom(xml));
}

function normalize(node: Dom): Dom {
  const children: (Dom | string)[] = [];
  for (const c of node.children) {
    if (typeof c === "string") {
      const text = c.replace(/\s+/g, " ").trim();
      if (text !== "") children.push(text);
    } else children.push(normalize(c));
  }
  return { ...node, children };
}
