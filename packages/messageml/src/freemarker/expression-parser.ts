import { KNOWN_BUILTINS, LAMBDA_BUILTINS } from "./builtins.ts";
import type { BinaryOp, Expr } from "./expression-ast.ts";
import { ExpressionLexer, type Token } from "./expression-lexer.ts";
import { SyntaxFault } from "./template-error.ts";

/**
 * Recursive-descent parser for FreeMarker expressions, following FreeMarker's precedence:
 * `||` < `&&` < equality < relational < range < additive < multiplicative < unary < postfix
 * (`.x`, `[x]`, `?builtin(args)`, `(args)`, `!default`, `??`).
 * Inside a directive tag (`inTag`), a bare `>` closes the tag, as in FreeMarker; `gt` or
 * parentheses compare.
 */
const MAX_DEPTH = 200;

// What FreeMarker lists when an expression was expected and not found (MMU pins this text for `${}`).
const EXPECTED_EXPRESSION = [
  "<STRING_LITERAL>",
  "<RAW_STRING>",
  '"false"',
  '"true"',
  "<INTEGER>",
  "<DECIMAL>",
  '"."',
  '"+"',
  '"-"',
  '"!"',
  '"["',
  '"("',
  '"{"',
  "<ID>",
]
  .map((e) => `    ${e}`)
  .join("\n");

export function expectedExpressionDetail(found: string): string {
  return `Encountered "${found}", but was expecting one of:\n${EXPECTED_EXPRESSION}`;
}

const RELATIONAL: Record<string, BinaryOp> = {
  "<": "<",
  "<=": "<=",
  ">": ">",
  ">=": ">=",
  lt: "<",
  lte: "<=",
  gt: ">",
  gte: ">=",
};

/** Where an expression stands: whether the output format is a markup one, and auto-escaping is on. */
export interface OutputContext {
  readonly markup: boolean;
  autoEscaping(): boolean;
}

/**
 * FreeMarker's special variables (snake_case; the camelCase spellings need a template written
 * in camelCase throughout, which this subset does not track).
 */
const SPECIAL_VARIABLES = new Set([
  "auto_esc",
  "caller_template_name",
  "current_template_name",
  "data_model",
  "error",
  "get_optional_template",
  "globals",
  "incompatible_improvements",
  "lang",
  "locale",
  "locale_object",
  "locals",
  "main",
  "main_template_name",
  "namespace",
  "node",
  "now",
  "output_encoding",
  "output_format",
  "pass",
  "template_name",
  "time_zone",
  "url_escaping_charset",
  "vars",
  "version",
]);

const PLAIN_OUTPUT: OutputContext = { markup: false, autoEscaping: () => false };
const LEGACY_ESCAPES = new Set(["html", "xhtml", "xml", "rtf", "web_safe"]);

export class ExpressionParser {
  private readonly lexer: ExpressionLexer;
  private token: Token;
  private depth = 0;
  private parenDepth = 0;

  /**
   * @param pinAt when set, every node reports this offset (used for expressions re-parsed from the
   *   body of a string literal, whose own offsets do not point into the template).
   */
  constructor(
    private readonly source: string,
    offset: number,
    private readonly inTag: boolean,
    private readonly pinAt?: number,
    /** The output format where the expression stands: some built-ins are refused while parsing. */
    private readonly output: OutputContext = PLAIN_OUTPUT,
  ) {
    this.lexer = new ExpressionLexer(source);
    this.token = this.lexer.read(offset);
  }

  get current(): Token {
    return this.token;
  }

  advance(): Token {
    const previous = this.token;
    this.token = this.lexer.read(previous.end);
    return previous;
  }

  isPunct(value: string): boolean {
    return this.token.k === "punct" && this.token.value === value;
  }

  isName(value?: string): boolean {
    return this.token.k === "name" && (value === undefined || this.token.value === value);
  }

  expectPunct(value: string): Token {
    if (!this.isPunct(value)) {
      throw new SyntaxFault(this.token.at, `Encountered "${this.describe()}", but was expecting "${value}".`);
    }
    return this.advance();
  }

  /**
   * Checks that the current token closes the construct and returns the offset after it, without
   * reading further: what follows is template text, not expression.
   */
  expectClosing(value: string): number {
    if (!this.isPunct(value)) {
      throw new SyntaxFault(this.token.at, `Encountered "${this.describe()}", but was expecting "${value}".`);
    }
    return this.token.end;
  }

  expectName(): string {
    if (this.token.k !== "name") {
      throw new SyntaxFault(this.token.at, `Encountered "${this.describe()}", but was expecting a name.`);
    }
    return this.advance().value as string;
  }

  describe(): string {
    return this.token.k === "eof" ? "<EOF>" : this.source.slice(this.token.at, this.token.end);
  }

  /** Whether the current token can begin an expression (decides `x!` versus `x!default`). */
  startsExpression(): boolean {
    const t = this.token;
    if (t.k === "number" || t.k === "string") return true;
    if (t.k === "name") return !["as", "in", "using"].includes(t.value);
    return t.k === "punct" && ["(", "[", "{", "-", "+", "!", "."].includes(t.value);
  }

  private at(offset: number): number {
    return this.pinAt ?? offset;
  }

  parseExpression(): Expr {
    if (++this.depth > MAX_DEPTH) throw new SyntaxFault(this.token.at, "Expression nested too deeply.");
    try {
      return this.parseOr();
    } finally {
      this.depth--;
    }
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.isPunct("||")) {
      this.advance();
      left = { t: "binary", op: "||", left, right: this.parseAnd(), at: left.at };
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseEquality();
    while (this.isPunct("&&")) {
      this.advance();
      left = { t: "binary", op: "&&", left, right: this.parseEquality(), at: left.at };
    }
    return left;
  }

  private parseEquality(): Expr {
    const left = this.parseRelational();
    if (this.isPunct("==") || this.isPunct("=") || this.isPunct("!=")) {
      const op: BinaryOp = this.advance().value === "!=" ? "!=" : "==";
      return { t: "binary", op, left, right: this.parseRelational(), at: left.at };
    }
    return left;
  }

  private parseRelational(): Expr {
    const left = this.parseRange();
    const t = this.token;
    const closesTag =
      this.inTag && this.parenDepth === 0 && t.k === "punct" && (t.value === ">" || t.value === ">=");
    // FreeMarker's lexer ends the tag at `>` even in `>=`: the `=` is template text.
    if (closesTag && t.value === ">=") this.token = { k: "punct", value: ">", at: t.at, end: t.at + 1 };
    const op = (t.k === "punct" || t.k === "name") && !closesTag ? RELATIONAL[t.value] : undefined;
    if (op === undefined) return left;
    this.advance();
    const right = this.parseRange();
    // FreeMarker refuses a string literal in a comparison while parsing.
    for (const side of [left, right]) {
      if (side.t === "string" || (side.t === "literal" && typeof side.value === "string"))
        throw new SyntaxFault(side.at, "Found string literal. Expecting: number");
    }
    return { t: "binary", op, left, right, at: left.at };
  }

  private parseRange(): Expr {
    const from = this.parseAdditive();
    if (this.isPunct("..") || this.isPunct("..<") || this.isPunct("..!")) {
      const op = this.advance().value;
      const exclusive = op !== "..";
      const to = op === ".." && !this.startsExpression() ? undefined : this.parseAdditive();
      return { t: "range", from, to, exclusive, at: from.at };
    }
    return from;
  }

  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    while (this.isPunct("+") || this.isPunct("-")) {
      const op = this.advance().value as BinaryOp;
      left = { t: "binary", op, left, right: this.parseMultiplicative(), at: left.at };
    }
    return left;
  }

  private parseMultiplicative(): Expr {
    let left = this.parseUnary();
    while (this.isPunct("*") || this.isPunct("/") || this.isPunct("%")) {
      const op = this.advance().value as BinaryOp;
      left = { t: "binary", op, left, right: this.parseUnary(), at: left.at };
    }
    return left;
  }

  private parseUnary(): Expr {
    const t = this.token;
    if (t.k === "punct" && (t.value === "!" || t.value === "-" || t.value === "+")) {
      if (++this.depth > MAX_DEPTH) throw new SyntaxFault(t.at, "Expression nested too deeply.");
      try {
        this.advance();
        const operand = this.parseUnary();
        if (t.value === "!") return { t: "not", operand, at: this.at(t.at) };
        if (t.value === "-") return { t: "negate", operand, at: this.at(t.at) };
        return operand;
      } finally {
        this.depth--;
      }
    }
    return this.parsePostfix(this.parsePrimary());
  }

  private parsePrimary(): Expr {
    const t = this.token;
    const at = this.at(t.at);
    switch (t.k) {
      case "number":
        this.advance();
        return { t: "literal", value: t.value, at };
      case "string":
        this.advance();
        return this.stringLiteral(t, at);
      case "name":
        if (t.value === "true" || t.value === "false") {
          this.advance();
          return { t: "literal", value: t.value === "true", at };
        }
        this.advance();
        return { t: "variable", name: t.value, at };
      case "punct":
        return this.parseBracketed(t, at);
      default:
        throw new SyntaxFault(t.at, expectedExpressionDetail(this.describe()));
    }
  }

  private parseBracketed(t: Token, at: number): Expr {
    if (t.value === "(") {
      this.advance();
      this.parenDepth++;
      const inner = this.parseExpression();
      this.parenDepth--;
      this.expectPunct(")");
      return { t: "paren", inner, at };
    }
    if (t.value === "[") {
      this.advance();
      this.parenDepth++;
      const items = this.parseList("]");
      this.parenDepth--;
      return { t: "sequence", items, at };
    }
    if (t.value === "{") {
      this.advance();
      this.parenDepth++;
      const entries: [Expr, Expr][] = [];
      while (!this.isPunct("}")) {
        const key = this.parseExpression();
        if (key.t === "literal" && typeof key.value !== "string")
          throw new SyntaxFault(key.at, "Found a literal that is not a string. Expecting string");
        this.expectPunct(":");
        entries.push([key, this.parseExpression()]);
        if (!this.isPunct(",")) break;
        this.advance();
      }
      this.parenDepth--;
      this.expectPunct("}");
      return { t: "hash", entries, at };
    }
    if (t.value === ".") {
      this.advance();
      const nameAt = this.token.at;
      const name = this.expectName();
      if (!SPECIAL_VARIABLES.has(name)) throw new SyntaxFault(nameAt, `Unknown special variable: .${name}.`);
      return { t: "special", name, at };
    }
    throw new SyntaxFault(t.at, expectedExpressionDetail(this.describe()));
  }

  /** Comma-separated expressions up to `close`, consuming it. */
  parseList(close: string): Expr[] {
    const items: Expr[] = [];
    while (!this.isPunct(close)) {
      items.push(this.parseExpression());
      if (!this.isPunct(",")) break;
      this.advance();
    }
    this.expectPunct(close);
    return items;
  }

  /** A call's arguments up to `)`, consuming it; commas between them are optional, as in FreeMarker. */
  private parseArguments(): Expr[] {
    const args: Expr[] = [];
    while (!this.isPunct(")")) {
      if (args.length > 0 && this.isPunct(",")) this.advance();
      args.push(this.parseExpression());
    }
    this.advance();
    return args;
  }

  private parsePostfix(expr: Expr): Expr {
    for (;;) {
      const t = this.token;
      if (t.k !== "punct") return expr;
      if (t.value === ".") {
        this.advance();
        const name = this.token;
        if (name.k !== "name" && !(name.k === "punct" && name.value === "*")) {
          throw new SyntaxFault(
            name.at,
            `Encountered "${this.describe()}", but was expecting a name after ".".`,
          );
        }
        this.advance();
        expr = { t: "member", target: expr, name: name.value, at: expr.at };
      } else if (t.value === "[") {
        this.advance();
        this.parenDepth++;
        const key = this.parseExpression();
        this.parenDepth--;
        this.expectPunct("]");
        expr = { t: "index", target: expr, key, at: expr.at };
      } else if (t.value === "?") {
        this.advance();
        const nameAt = this.token.at;
        const name = this.expectName();
        if (!KNOWN_BUILTINS.has(name)) throw new SyntaxFault(nameAt, `Unknown built-in: "${name}".`);
        this.checkOutputFormat(name, nameAt);
        let args: Expr[] | undefined;
        // `?string.computer` is `?string("computer")` (the result of ?string has the named formats).
        if (name === "string" && this.isPunct(".")) {
          const formatAt = this.advance().end;
          const format = this.expectName();
          args = [{ t: "literal", value: format, at: this.at(formatAt) }];
        }
        if (this.isPunct("(")) {
          const openAt = this.advance().at;
          this.parenDepth++;
          args = LAMBDA_BUILTINS.has(name) ? this.parseLambdaArgument(openAt) : this.parseList(")");
          this.parenDepth--;
          if (name === "then" && args.length !== 2) {
            throw new SyntaxFault(openAt, "?then(…) expects exactly 2 arguments.");
          }
        }
        expr = { t: "builtin", target: expr, name, args, at: expr.at, nameAt: this.at(nameAt) };
      } else if (t.value === "(") {
        this.advance();
        this.parenDepth++;
        const args = this.parseArguments();
        this.parenDepth--;
        expr = { t: "call", target: expr, args, at: expr.at };
      } else if (t.value === "??") {
        this.advance();
        expr = { t: "exists", target: expr, at: expr.at };
      } else if (t.value === "!") {
        this.advance();
        // FreeMarker: the default operator binds tightly on its left and loosely on its right.
        const fallback = this.startsExpression() ? this.parseExpression() : undefined;
        return { t: "default", target: expr, fallback, at: expr.at };
      } else {
        return expr;
      }
    }
  }

  /** The one argument of ?filter and the like: `x -> body`, `(x) -> body`, or an expression. */
  private parseLambdaArgument(openAt: number): Expr[] {
    const t = this.token;
    const name = t.k === "name" ? t : t.k === "punct" && t.value === "(" ? this.lexer.read(t.end) : undefined;
    if (name?.k === "name") {
      const close = name === t ? undefined : this.lexer.read(name.end);
      const arrow = close === undefined ? this.lexer.read(name.end) : this.lexer.read(close.end);
      const closes = close === undefined || (close.k === "punct" && close.value === ")");
      if (closes && arrow.k === "punct" && arrow.value === "->") {
        this.token = this.lexer.read(arrow.end);
        const body = this.parseExpression();
        if (!this.isPunct(")")) throw new SyntaxFault(openAt, "This built-in takes exactly one argument.");
        this.advance();
        return [{ t: "lambda", param: name.value, body, at: this.at(t.at) }];
      }
    }
    let args: Expr[];
    try {
      args = this.parseList(")");
    } catch (error) {
      // `(x, y -> …)`: FreeMarker's lambdas take one parameter; it blames the parenthesis.
      if (error instanceof SyntaxFault && this.isPunct("->")) {
        throw new SyntaxFault(openAt, "A lambda takes exactly one parameter.");
      }
      throw error;
    }
    if (args.length !== 1) throw new SyntaxFault(openAt, "This built-in takes exactly one argument.");
    return args;
  }

  /** FreeMarker checks these built-ins against the output format while parsing. */
  private checkOutputFormat(name: string, nameAt: number): void {
    if ((name === "no_esc" || name === "esc") && !this.output.markup) {
      throw new SyntaxFault(
        nameAt,
        `?${name} can't be used here, as the current output format isn't a markup format.`,
      );
    }
    if (LEGACY_ESCAPES.has(name) && this.output.autoEscaping()) {
      throw new SyntaxFault(
        nameAt,
        `Using ?${name} (legacy escaping) is not allowed when auto-escaping is on with a markup output format.`,
      );
    }
  }

  private stringLiteral(t: Token & { k: "string" }, at: number): Expr {
    if (t.raw || (!t.value.includes("${") && !t.value.includes("#{"))) {
      return { t: "literal", value: t.value, at };
    }
    const parts: (string | Expr)[] = [];
    const body = t.value;
    let i = 0;
    while (i < body.length) {
      const open = findInterpolation(body, i);
      if (open < 0) {
        parts.push(body.slice(i));
        break;
      }
      if (open > i) parts.push(body.slice(i, open));
      const inner = new ExpressionParser(body, open + 2, false, at, this.output);
      parts.push(inner.parseExpression());
      i = inner.expectClosing("}");
    }
    return { t: "string", parts, at };
  }
}

function findInterpolation(body: string, from: number): number {
  const dollar = body.indexOf("${", from);
  const hash = body.indexOf("#{", from);
  if (dollar < 0) return hash;
  if (hash < 0) return dollar;
  return Math.min(dollar, hash);
}
