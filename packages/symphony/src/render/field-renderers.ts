/**
 * Renderers of custom field kinds (`kind: "custom"` nodes), keyed by the kind's name. A renderer
 * returns FreeMarker MessageML for one field; it must read the value through `context.value` (an
 * expression over `data`) and never write the node's value into the markup.
 */
import type { CustomField, FormMode } from "@sprig/core";

export interface FieldTemplateContext {
  readonly mode: FormMode;
  /** FreeMarker expression of the field's stored value (may be missing: use `!` or `??`). */
  readonly value: string;
  /** The input's `name` attribute text (may hold `${…}` row indexes). */
  readonly name: string;
  /** The label, already escaped for MessageML. */
  readonly label: string;
  /** A ready interpolation of the value as escaped text (strings and numbers). */
  readonly text: string;
}

export type FieldRenderer = (node: CustomField, context: FieldTemplateContext) => string;

export type FieldRenderers = Readonly<Record<string, FieldRenderer>>;
