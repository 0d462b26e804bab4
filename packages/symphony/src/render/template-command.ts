/**
 * Printing the generated template of a work type, as the starting point of a custom one (seed 003,
 * "Customizing Templates"): save it as `<name>.ftl` in the templates folder and name it in the
 * work type's `templates`.
 */
import {
  type AttachmentReply,
  attachment,
  type CommandContext,
  type CommandOptions,
  type FormMode,
  UserError,
  type WorkRegistry,
  type WorkType,
} from "@sprig/core";
import type { FieldRenderers } from "./field-renderers.ts";
import { generateWorkTemplate } from "./work-template.ts";

/** The generated FreeMarker MessageML of a work type in a mode (buttons and form decided by data). */
export function generatedTemplate(
  workType: WorkType<unknown>,
  mode: FormMode,
  fieldRenderers: FieldRenderers = {},
): string {
  return generateWorkTemplate(workType.form(mode, undefined), { renderers: fieldRenderers });
}

export interface TemplateCommand {
  readonly pattern: "template {type} {mode?}";
  readonly options: CommandOptions;
  readonly handler: (context: CommandContext<{ type: string; mode?: string | undefined }>) => AttachmentReply;
}

/**
 * A ready-made command: `template {type} {mode?}` answers with `<type>-<mode>.ftl` as an attachment.
 * Register it with `bot.command(cmd.pattern, cmd.options, cmd.handler)`.
 */
export function templateCommand(works: WorkRegistry, fieldRenderers: FieldRenderers = {}): TemplateCommand {
  return {
    pattern: "template {type} {mode?}",
    options: { description: "Print the generated Symphony template of a work type (view or edit)" },
    handler: ({ vars }) => {
      const workType = works.get(vars.type);
      if (!workType)
        throw new UserError(
          `There is no work type "${vars.type}". Known types: ${works
            .types()
            .map((t) => t.typeName)
            .join(", ")}.`,
        );
      const mode = vars.mode ?? "edit";
      if (mode !== "view" && mode !== "edit")
        throw new UserError(`Mode must be "view" or "edit", not "${mode}".`);
      const template = generatedTemplate(workType, mode, fieldRenderers);
      return attachment(`${workType.typeName}-${mode}.ftl`, new TextEncoder().encode(template), {
        mediaType: "text/plain",
        content: `Generated ${mode} template of ${workType.typeName}: save it as a .ftl file in the templates folder.`,
      });
    },
  };
}
