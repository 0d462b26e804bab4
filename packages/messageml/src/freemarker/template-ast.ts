import type { Expr } from "./expression-ast.ts";
import type { NumberPattern } from "./number-format.ts";
import type { IncludeOptions } from "./template-scanner.ts";

/** Directive tree of a parsed template. `at` is the offset of the tag that makes the node. */
export type TemplateNode =
  | { readonly t: "text"; readonly text: string }
  | {
      readonly t: "interpolation";
      readonly expr: Expr;
      readonly numeric: NumberPattern | undefined;
      readonly at: number;
    }
  | {
      readonly t: "if";
      readonly branches: readonly { readonly condition: Expr; readonly body: readonly TemplateNode[] }[];
      readonly otherwise: readonly TemplateNode[] | undefined;
      readonly at: number;
    }
  | {
      readonly t: "list";
      readonly source: Expr;
      readonly vars: readonly string[] | undefined;
      readonly body: readonly TemplateNode[];
      readonly otherwise: readonly TemplateNode[] | undefined;
      readonly at: number;
    }
  | {
      readonly t: "items";
      readonly vars: readonly string[];
      readonly body: readonly TemplateNode[];
      readonly at: number;
    }
  | { readonly t: "sep"; readonly body: readonly TemplateNode[]; readonly at: number }
  | { readonly t: "break"; readonly at: number }
  | { readonly t: "continue"; readonly at: number }
  /** `value` only in a #function (FreeMarker refuses one elsewhere while parsing). */
  | { readonly t: "return"; readonly value: Expr | undefined; readonly at: number }
  | {
      readonly t: "assign";
      readonly scope: AssignScope;
      readonly ops: readonly AssignOp[];
      readonly at: number;
    }
  | {
      readonly t: "capture";
      readonly scope: AssignScope;
      readonly name: string;
      readonly body: readonly TemplateNode[];
      readonly at: number;
    }
  | { readonly t: "macro"; readonly macro: MacroDefinition; readonly at: number }
  | {
      readonly t: "call";
      readonly callee: Expr;
      readonly named: readonly (readonly [string, Expr])[];
      readonly positional: readonly Expr[];
      readonly loopVars: readonly string[];
      readonly body: readonly TemplateNode[] | undefined;
      readonly at: number;
    }
  | { readonly t: "nested"; readonly args: readonly Expr[]; readonly at: number }
  | {
      readonly t: "switch";
      readonly value: Expr;
      readonly cases: readonly { readonly match: Expr | undefined; readonly body: readonly TemplateNode[] }[];
      readonly at: number;
    }
  | { readonly t: "autoescape"; readonly enabled: boolean; readonly body: readonly TemplateNode[] }
  | { readonly t: "compress"; readonly body: readonly TemplateNode[]; readonly at: number }
  | {
      readonly t: "attempt";
      readonly body: readonly TemplateNode[];
      readonly recover: readonly TemplateNode[];
      readonly at: number;
    }
  | { readonly t: "stop"; readonly message: Expr | undefined; readonly at: number }
  /** `#escape` / `#noescape`: runs its body (the escaping was applied while parsing). */
  | { readonly t: "escape"; readonly body: readonly TemplateNode[]; readonly at: number }
  /** Directives that need other templates or XML nodes, which the agent does not have. */
  | { readonly t: "include"; readonly name: Expr; readonly options: IncludeOptions; readonly at: number }
  | { readonly t: "import"; readonly name: Expr; readonly at: number }
  | {
      readonly t: "visit";
      readonly kind: "visit" | "recurse";
      readonly node: Expr | undefined;
      readonly at: number;
    }
  | { readonly t: "fallback"; readonly at: number }
  | { readonly t: "setting"; readonly name: string; readonly value: Expr; readonly at: number };

export type AssignScope = "assign" | "global" | "local";

export interface AssignOp {
  readonly name: string;
  readonly op: "=" | "+=" | "-=" | "*=" | "/=" | "%=" | "++" | "--";
  readonly value: Expr | undefined;
  readonly at: number;
}

export interface MacroParameter {
  readonly name: string;
  readonly fallback: Expr | undefined;
}

export interface MacroDefinition {
  readonly name: string;
  /** `#function`: called from expressions, its output dropped, its `#return` value the result. */
  readonly isFunction: boolean;
  /** Offset of the `<#macro` tag, blamed for a missing argument. */
  readonly at: number;
  readonly params: readonly MacroParameter[];
  readonly catchAll: string | undefined;
  readonly body: readonly TemplateNode[];
}

export type OutputFormat =
  | "HTML"
  | "XHTML"
  | "XML"
  | "RTF"
  | "plainText"
  | "JavaScript"
  | "JSON"
  | "CSS"
  | "undefined";

export interface ParsedTemplate {
  readonly nodes: readonly TemplateNode[];
  readonly outputFormat: OutputFormat;
  readonly autoEscape: boolean;
  readonly macros: ReadonlyMap<string, MacroDefinition>;
}
