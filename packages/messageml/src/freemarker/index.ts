import { DEFAULT_LIMITS, type RenderLimits, render } from "./renderer.ts";
import { SourcePositions } from "./source-position.ts";
import { RuntimeFault, runtimeError, SyntaxFault, syntaxError, TemplateError } from "./template-error.ts";
import { parseTemplate } from "./template-parser.ts";

export type { RenderLimits } from "./renderer.ts";
export { TemplateError } from "./template-error.ts";

/**
 * The agent runs FreeMarker only when the message contains one of these (MMU
 * `containsFreemarkerTags`); anything else is left exactly as written.
 */
export function containsFreemarkerSyntax(message: string): boolean {
  return message.includes("<#") || message.includes("<@") || message.includes("${") || message.includes("#{");
}

/**
 * Expands a MessageML template with the agent's FreeMarker semantics: `data` and `entity` both name
 * the data object. Throws only `TemplateError` (a `MessageMLError` with code `TEMPLATE_ERROR` and
 * the agent's message text); its `reason` says what went wrong in sprig's words.
 */
export function expandFreemarker(
  template: string,
  data: Record<string, unknown>,
  limits: RenderLimits = DEFAULT_LIMITS,
): string {
  if (!containsFreemarkerSyntax(template)) return template;
  const positions = new SourcePositions(template);
  try {
    const parsed = parseTemplate(template);
    return render(parsed, { data, entity: data }, limits);
  } catch (error) {
    throw toTemplateError(error, positions);
  }
}

function toTemplateError(error: unknown, positions: SourcePositions): TemplateError {
  if (error instanceof TemplateError) return error;
  if (error instanceof SyntaxFault) return syntaxError(positions, error);
  if (error instanceof RuntimeFault) return runtimeError(positions, error.offset ?? 0, error.detail);
  // Deep recursion in a pathological template: report it like any template failure, never crash.
  if (error instanceof RangeError)
    return runtimeError(positions, 0, `Template too complex: ${error.message}`);
  throw error;
}
