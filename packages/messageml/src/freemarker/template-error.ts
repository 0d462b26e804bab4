import { MessageMLError } from "../errors.ts";
import type { SourcePositions } from "./source-position.ts";

/**
 * The agent reports FreeMarker failures in two shapes (MMU `MessageMLParser.parse`):
 * - a syntax error is a `ParseException`, which FreeMarker makes an `IOException`, so the agent
 *   wraps it as `Error parsing EntityJSON: Syntax error in template "messageML" in line L, column C:`
 *   followed by FreeMarker's explanation;
 * - any error while the template runs becomes
 *   `Error parsing Freemarker template: invalid input at line L, column C`.
 * `reason` carries sprig's own explanation (never part of the agent text) for logs and authors.
 */
export class TemplateError extends MessageMLError {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super("TEMPLATE_ERROR", message);
  }
}

/** Thrown inside the engine; turned into a TemplateError once the position is known. */
export class SyntaxFault extends Error {
  constructor(
    readonly offset: number,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/**
 * A lexical error at the end of the template (an unclosed string literal): FreeMarker's lexer
 * reports it just after the last character, or at column 0 of the next line after a line break.
 */
export class EndOfTemplateFault extends SyntaxFault {}

/**
 * A runtime failure. `offset` is the start of the blamed expression, or undefined when the
 * enclosing directive or interpolation should be blamed (as FreeMarker does for `?new`).
 * `missing` marks the failures that `(expr)!default` and `(expr)??` swallow.
 */
export class RuntimeFault extends Error {
  constructor(
    readonly offset: number | undefined,
    readonly detail: string,
    readonly missing = false,
  ) {
    super(detail);
  }
}

/** A budget was exceeded (output, steps, call depth): never swallowed by `#attempt`. */
export class LimitFault extends RuntimeFault {}

export function syntaxError(positions: SourcePositions, fault: SyntaxFault): TemplateError {
  // Running into the end of the template is reported at its last character, as FreeMarker does.
  const last = Math.max(0, positions.length - 1);
  let { line, column } = positions.at(Math.min(fault.offset, last));
  if (fault instanceof EndOfTemplateFault) {
    if (positions.endsWithLineBreak) [line, column] = [line + 1, 0];
    else column++;
  }
  return new TemplateError(
    `Error parsing EntityJSON: Syntax error in template "messageML" in line ${line}, column ${column}:\n${fault.detail}`,
    line,
    column,
    fault.detail,
  );
}

export function runtimeError(positions: SourcePositions, offset: number, detail: string): TemplateError {
  const { line, column } = positions.at(offset);
  return new TemplateError(
    `Error parsing Freemarker template: invalid input at line ${line}, column ${column}`,
    line,
    column,
    detail,
  );
}
