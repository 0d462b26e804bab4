/** Expression tree of the FreeMarker subset. `at` is the offset where the expression starts. */
export type Expr =
  | { readonly t: "literal"; readonly value: unknown; readonly at: number }
  | { readonly t: "string"; readonly parts: readonly (string | Expr)[]; readonly at: number }
  | { readonly t: "variable"; readonly name: string; readonly at: number }
  | { readonly t: "special"; readonly name: string; readonly at: number }
  | { readonly t: "member"; readonly target: Expr; readonly name: string; readonly at: number }
  | { readonly t: "index"; readonly target: Expr; readonly key: Expr; readonly at: number }
  | {
      readonly t: "builtin";
      readonly target: Expr;
      readonly name: string;
      readonly args: readonly Expr[] | undefined;
      readonly at: number;
      readonly nameAt: number;
    }
  | { readonly t: "call"; readonly target: Expr; readonly args: readonly Expr[]; readonly at: number }
  | { readonly t: "default"; readonly target: Expr; readonly fallback: Expr | undefined; readonly at: number }
  | { readonly t: "exists"; readonly target: Expr; readonly at: number }
  | { readonly t: "not"; readonly operand: Expr; readonly at: number }
  | { readonly t: "negate"; readonly operand: Expr; readonly at: number }
  | {
      readonly t: "binary";
      readonly op: BinaryOp;
      readonly left: Expr;
      readonly right: Expr;
      readonly at: number;
    }
  | { readonly t: "paren"; readonly inner: Expr; readonly at: number }
  /** `x -> body`, only as the argument of ?filter, ?map, ?take_while and ?drop_while. */
  | { readonly t: "lambda"; readonly param: string; readonly body: Expr; readonly at: number }
  | { readonly t: "sequence"; readonly items: readonly Expr[]; readonly at: number }
  | {
      readonly t: "hash";
      readonly entries: readonly (readonly [Expr, Expr])[];
      readonly at: number;
    }
  | {
      readonly t: "range";
      readonly from: Expr;
      readonly to: Expr | undefined;
      readonly exclusive: boolean;
      readonly at: number;
    };

export type BinaryOp = "||" | "&&" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "+" | "-" | "*" | "/" | "%";
