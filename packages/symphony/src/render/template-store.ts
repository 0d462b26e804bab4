/**
 * Custom templates: `<name>.ftl` files in the templates folder, read once when the renderer is made
 * (so rendering stays synchronous), looked up by the response's template name.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { RenderError } from "./render-error.ts";

const MAX_TEMPLATE_BYTES = 256 * 1024;

export function loadTemplates(dir: string | undefined): ReadonlyMap<string, string> {
  const templates = new Map<string, string>();
  if (dir === undefined) return templates;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    throw new RenderError(
      "RENDER_TEMPLATES_UNREADABLE",
      `Cannot read the templates folder "${dir}": ${(e as Error).message}. Check the templatesDir option.`,
    );
  }
  for (const file of names.sort()) {
    if (!file.endsWith(".ftl")) continue;
    const path = join(dir, file);
    if (!statSync(path).isFile()) continue;
    if (statSync(path).size > MAX_TEMPLATE_BYTES)
      throw new RenderError(
        "RENDER_TEMPLATE_TOO_LARGE",
        `Template "${path}" is larger than ${MAX_TEMPLATE_BYTES} bytes; the agent would refuse it.`,
      );
    templates.set(file.slice(0, -".ftl".length), readFileSync(path, "utf8"));
  }
  return templates;
}
