import { bool, type EvaluationContext, evaluate, missingFault, required } from "./evaluator.ts";
import { isNumber } from "./numbers.ts";
import type { TemplateNode } from "./template-ast.ts";
import { RuntimeFault } from "./template-error.ts";
import { isMissing } from "./values.ts";

/**
 * `#include`, `#import`, `#visit`, `#recurse`, `#fallback`: the agent's FreeMarker has no template
 * loader and its data holds no XML nodes, so on a pod these fail while the template runs. They fail
 * here the same way, after evaluating what FreeMarker evaluates first (so a bad argument is blamed
 * where the agent blames it).
 */
const NO_TEMPLATES = "The agent's FreeMarker has no other templates to load (no template loader).";

export function include(node: TemplateNode & { t: "include" }, ctx: EvaluationContext): void {
  const name = required(node.name, ctx);
  if (typeof name !== "string" && !isNumber(name)) {
    throw new RuntimeFault(
      typeof name === "boolean" ? undefined : node.name.at,
      "The template name must be a string.",
    );
  }
  const { encoding, parse, ignoreMissing } = node.options;
  if (encoding !== undefined) ctx.toText(required(encoding, ctx), encoding.at);
  if (parse !== undefined) {
    const value = required(parse, ctx);
    if (typeof value === "string" ? yesNo(value) === undefined : typeof value !== "boolean") {
      throw new RuntimeFault(parse.at, '"parse" must be a boolean or "yes"/"no".');
    }
  }
  if (ignoreMissing !== undefined && bool(required(ignoreMissing, ctx), ignoreMissing)) return;
  throw new RuntimeFault(undefined, NO_TEMPLATES);
}

export function importLibrary(node: TemplateNode & { t: "import" }, ctx: EvaluationContext): never {
  ctx.toText(required(node.name, ctx), node.name.at);
  throw new RuntimeFault(undefined, NO_TEMPLATES);
}

export function visit(node: TemplateNode & { t: "visit" }, ctx: EvaluationContext): never {
  const target = node.node === undefined ? undefined : evaluate(node.node, ctx);
  if (node.node === undefined || (isMissing(target) && node.kind === "recurse")) {
    throw new RuntimeFault(undefined, `#${node.kind} has no node to visit.`);
  }
  if (isMissing(target)) throw missingFault(node.node);
  throw new RuntimeFault(node.node.at, `#${node.kind} needs an XML node; the agent's data has none.`);
}

export function fallback(): never {
  throw new RuntimeFault(
    undefined,
    "#fallback works only in a node handler of #visit, which the agent cannot run.",
  );
}

/** FreeMarker's StringUtil.getYesNo. */
function yesNo(text: string): boolean | undefined {
  const word = text.toLowerCase();
  if (["y", "yes", "t", "true"].includes(word)) return true;
  if (["n", "no", "f", "false"].includes(word)) return false;
  return undefined;
}
