import { type FieldKind, findCustomKind } from "./field-kinds.ts";
import {
  arrayElement,
  choiceValues,
  isAddressableSchema,
  objectShape,
  type SchemaInfo,
  stringFormat,
  unwrap,
  type ZodSchema,
} from "./zod-introspection.ts";

export type LeafKind =
  | "text"
  | "number"
  | "boolean"
  | "choice"
  | "dropdown"
  | "date"
  | "time"
  | "date-time"
  | "timezone"
  | "user"
  | "chat";

/** What a schema is, as far as forms are concerned. Decided once per schema node, from the schema alone. */
export type Classified =
  | { readonly kind: "custom"; readonly fieldKind: FieldKind }
  | {
      readonly kind: LeafKind;
      /** An array shown as one multi-select picker (of choices, users, chats or dropdown options). */
      readonly multiple: boolean;
      /** For `date` / `date-time`: the schema holds a JS Date rather than an ISO string. */
      readonly jsDate: boolean;
      /** For `choice`: the allowed values, as the schema has them (numbers stay numbers). */
      readonly choices?: readonly (string | number)[];
    }
  | { readonly kind: "object"; readonly shape: Readonly<Record<string, ZodSchema>> }
  | { readonly kind: "table"; readonly element: ZodSchema; readonly elementInfo: SchemaInfo }
  | { readonly kind: "unsupported"; readonly type: string };

const PICKERS = new Set<string>(["choice", "dropdown", "user", "chat"]);

export function classify(info: SchemaInfo, kinds: readonly FieldKind[]): Classified {
  const custom = findCustomKind(info, kinds);
  if (custom) return { kind: "custom", fieldKind: custom };
  if (info.meta.dropdown) {
    const element = arrayElement(info.schema);
    return leaf("dropdown", element !== undefined);
  }
  const element = arrayElement(info.schema);
  if (element) {
    const elementInfo = unwrap(element);
    const inner = classify(elementInfo, kinds);
    if (PICKERS.has(inner.kind) && "multiple" in inner) return { ...inner, multiple: true };
    return { kind: "table", element, elementInfo };
  }
  return classifySingle(info);
}

function leaf(kind: LeafKind, multiple = false, jsDate = false): Classified {
  return { kind, multiple, jsDate };
}

function classifySingle(info: SchemaInfo): Classified {
  const { schema, type, meta } = info;
  if (meta.kind === "timezone") return leaf("timezone");
  if (isAddressableSchema(schema, "user")) return leaf("user");
  if (isAddressableSchema(schema, "chat")) return leaf("chat");
  const choices = choiceValues(schema);
  if (choices) return { kind: "choice", multiple: false, jsDate: false, choices };
  switch (type) {
    case "string":
      return classifyString(schema, meta.widget);
    case "number":
    case "int":
      return leaf("number");
    case "boolean":
      return leaf("boolean");
    case "date":
      return leaf(meta.widget === "date" ? "date" : "date-time", false, true);
    case "object": {
      const shape = objectShape(schema);
      return shape ? { kind: "object", shape } : { kind: "unsupported", type };
    }
    default:
      return { kind: "unsupported", type };
  }
}

function classifyString(schema: ZodSchema, widget: string | undefined): Classified {
  const format = stringFormat(schema);
  if (format === "date" || widget === "date") return leaf("date");
  if (format === "time" || widget === "time") return leaf("time");
  if (format === "datetime" || widget === "date-time") return leaf("date-time");
  if (widget === "timezone") return leaf("timezone");
  return leaf("text");
}
