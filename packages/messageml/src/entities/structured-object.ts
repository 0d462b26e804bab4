/**
 * EntityJSON: the `data` of a message, a flat map `id → {type, version, …}` (the datafeed delivers
 * it as a JSON string). A bot stores its own objects there — "structured objects" — referenced
 * from the markup by `<div class="entity" data-entity-id="id">`. These helpers read and write them
 * without mutating their input.
 */
import { MessageMLError } from "../errors.ts";

export type EntityJSON = Record<string, unknown>;

/** An entity entry: `type` names the schema, `version` its version (e.g. `"1.0"`). */
export interface StructuredObject {
  readonly type: string;
  readonly version: string;
  readonly [field: string]: unknown;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function isStructuredObject(v: unknown): v is StructuredObject {
  return isRecord(v) && typeof v.type === "string" && typeof v.version === "string";
}

/**
 * Read entity JSON as the agent accepts it: an object, a JSON string of one, or a JSON string
 * holding such a string. Empty or absent → `{}`. Anything else, or data nested deeper than Jackson
 * allows, → `MessageMLError` (INVALID_ENTITY_JSON) with the agent's `Error parsing EntityJSON: …`
 * text. The one strict reader: the translator uses it, and the inbound parser's lenient
 * `readEntityData` is it with "unreadable" meaning "no entities".
 */
export function parseEntityJSON(data: string | EntityJSON | null | undefined): EntityJSON {
  if (data === null || data === undefined) return {};
  let value: unknown = data;
  if (typeof data === "string") {
    if (data.trim() === "") return {};
    value = parseJson(data);
    if (typeof value === "string") value = parseJson(value);
  }
  if (!isRecord(value)) throw invalidEntityJson("provided content is not a JSON object");
  checkDepth(value);
  return value;
}

/** Jackson's default limit; deeper data is refused before anything walks it recursively. */
const MAX_JSON_DEPTH = 1000;

function checkDepth(root: unknown): void {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (depth > MAX_JSON_DEPTH) {
      throw invalidEntityJson(
        `Document nesting depth (${depth}) exceeds the maximum allowed (${MAX_JSON_DEPTH})`,
      );
    }
    if (typeof node === "object" && node !== null) {
      for (const v of Object.values(node))
        if (typeof v === "object" && v !== null) stack.push([v, depth + 1]);
    }
  }
}

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch (e) {
    throw invalidEntityJson((e as Error).message);
  }
}

function invalidEntityJson(reason: string): MessageMLError {
  return new MessageMLError("INVALID_ENTITY_JSON", `Error parsing EntityJSON: ${reason}`);
}

/** The JSON string form the REST API and datafeed carry. */
export function stringifyEntityJSON(entityJson: EntityJSON): string {
  return JSON.stringify(entityJson);
}

/** Build a structured object; `type` and `version` come first, as Symphony writes them. */
export function structuredObject(
  type: string,
  version: string,
  fields: Readonly<Record<string, unknown>> = {},
): StructuredObject {
  const { type: _t, version: _v, ...rest } = fields;
  return { type, version, ...rest };
}

export interface ReadOptions {
  /** Required type; an entry of another type reads as absent. */
  type?: string;
  /** Accepted versions: an exact string, or a major version prefix such as `"1."`. */
  version?: string;
}

function versionMatches(actual: string, wanted: string): boolean {
  return wanted.endsWith(".") ? actual.startsWith(wanted) : actual === wanted;
}

/** The structured object stored under `id`, if there is one (of the wanted type and version). */
export function readStructuredObject(
  entityJson: EntityJSON,
  id: string,
  options: ReadOptions = {},
): StructuredObject | undefined {
  const value = Object.hasOwn(entityJson, id) ? entityJson[id] : undefined;
  if (!isStructuredObject(value)) return undefined;
  if (options.type !== undefined && value.type !== options.type) return undefined;
  if (options.version !== undefined && !versionMatches(value.version, options.version)) return undefined;
  return value;
}

/** Every structured object of a type, with its id, in insertion order. */
export function findStructuredObjects(entityJson: EntityJSON, type: string): [string, StructuredObject][] {
  const found: [string, StructuredObject][] = [];
  for (const [id, value] of Object.entries(entityJson)) {
    if (isStructuredObject(value) && value.type === type) found.push([id, value]);
  }
  return found;
}

/** A copy of `entityJson` with `object` stored under `id` (replacing any previous entry). */
export function writeStructuredObject(
  entityJson: EntityJSON,
  id: string,
  object: StructuredObject,
): EntityJSON {
  if (id === "") throw new TypeError("A structured object needs a non-empty id");
  if (!isStructuredObject(object)) throw new TypeError("A structured object needs a string type and version");
  return { ...entityJson, [id]: object };
}
