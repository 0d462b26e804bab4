import { DEFAULT_LIMITS, type RenderLimits, render } from "./renderer.ts";
import { SourcePositions } from "./source-position.ts";
import type { ParsedTemplate } from "./template-ast.ts";
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
 * the agent's message text); its `reason` says what went wrong in sprig's words. `now` is the
 * clock `.now` reads.
 */
export function expandFreemarker(
  template: string,
  data: Record<string, unknown>,
  limits: RenderLimits = DEFAULT_LIMITS,
  now: () => Date = () => new Date(),
): string {
  if (!containsFreemarkerSyntax(template)) return template;
  try {
    return render(parsedTemplate(template), { data, entity: data }, limits, now);
  } catch (error) {
    throw toTemplateError(error, new SourcePositions(template));
  }
}

/**
 * Parsed templates, most recent last. The same few templates come back again and again (a bot's
 * form and view templates), and parsing costs several times what rendering does.
 */
const cache = new Map<string, ParsedTemplate>();
const CACHE_ENTRIES = 64;
const CACHE_MAX_TEMPLATE_LENGTH = 64 * 1024;

function parsedTemplate(template: string): ParsedTemplate {
  const hit = cache.get(template);
  if (hit !== undefined) {
    cache.delete(template);
    cache.set(template, hit);
    return hit;
  }
  const parsed = parseTemplate(template);
  if (template.length <= CACHE_MAX_TEMPLATE_LENGTH) {
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
    cache.set(template, parsed);
  }
  return parsed;
}

function toTemplateError(error: unknown, positions: SourcePositions): TemplateError {
  if (error instanceof TemplateError) return error;
  if (error instanceof SyntaxFault) return syntaxError(positions, error);
  if (error instanceof RuntimeFault) return runtimeError(positions, error.offset ?? 0, error.detail);
  // Deep recursion in a pathological template: report it like any template failure, never crash.
  if (error instanceof RangeError) {
    return runtimeError(positions, 0, `Template too complex: ${error.message}`);
  }
  // The contract is "only MessageMLError"; an engine bug still shows, with its message, in `reason`.
  return runtimeError(positions, 0, `Internal template engine error: ${String(error)}`);
}
