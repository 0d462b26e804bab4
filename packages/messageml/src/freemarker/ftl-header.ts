import type { Expr } from "./expression-ast.ts";
import { SyntaxFault } from "./template-error.ts";

/**
 * The parameters of `<#ftl …>` as FreeMarker reads them (FTL.jj HeaderElement): each one in order,
 * its name in snake_case (any letter case) or camelCase, its value evaluated while parsing, so it
 * must be a constant of the right type. Errors blame the name (unknown) or the value (wrong type).
 */
const SNAKE_NAMES = new Set([
  "encoding",
  "strip_whitespace",
  "strip_text",
  "strict_syntax",
  "auto_esc",
  "output_format",
  "ns_prefixes",
  "attributes",
]);

const CAMEL_NAMES: Record<string, string> = {
  stripWhitespace: "strip_whitespace",
  stripText: "strip_text",
  strictSyntax: "strict_syntax",
  autoEsc: "auto_esc",
  outputFormat: "output_format",
  nsPrefixes: "ns_prefixes",
};

/** The parameter's snake_case name; an unknown one is a syntax error at the name. */
export function headerParameterName(name: string, nameAt: number): string {
  const snake = name.toLowerCase();
  if (SNAKE_NAMES.has(snake)) return snake;
  const camel = CAMEL_NAMES[name];
  if (camel !== undefined) return camel;
  throw new SyntaxFault(nameAt, `Unknown FTL header parameter: ${name}.`);
}

/** Refuses a value FreeMarker would refuse while parsing the header. */
export function checkHeaderValue(name: string, value: Expr): void {
  switch (name) {
    case "encoding":
    case "output_format":
      if (!(value.t === "literal" && typeof value.value === "string"))
        throw new SyntaxFault(value.at, `Expected a string constant for "${name}".`);
      return;
    case "auto_esc":
      headerBoolean(value, false);
      return;
    case "strip_whitespace":
    case "strip_text":
    case "strict_syntax":
      headerBoolean(value, true);
      return;
    default:
      if (value.t !== "hash") throw new SyntaxFault(value.at, `Expecting a hash for "${name}".`);
  }
}

/** A boolean constant; where FreeMarker is lenient (`legacyStrings`), also "yes", "n", "true"… */
export function headerBoolean(value: Expr, legacyStrings: boolean): boolean {
  if (value.t === "literal" && typeof value.value === "boolean") return value.value;
  if (legacyStrings && value.t === "literal" && typeof value.value === "string") {
    const word = value.value.toLowerCase();
    if (["y", "yes", "t", "true"].includes(word)) return true;
    if (["n", "no", "f", "false"].includes(word)) return false;
  }
  throw new SyntaxFault(value.at, "Expecting a boolean (true/false) constant.");
}
