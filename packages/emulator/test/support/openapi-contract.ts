import { readShared } from "@sprig/shared-data";
import { parse } from "yaml";

/**
 * A small validator for the upstream Symphony contract (Swagger 2.0 pod/login/authenticator,
 * OpenAPI 3.0 agent). It covers what those files use: $ref, type, properties, items, enum, required,
 * allOf, additionalProperties. It is STRICTER than the files in two ways that matter for an emulator:
 * `null` is never accepted (the specs have no `nullable`, and bots must not meet nulls), and a property
 * the schema does not declare is reported (catches misspelt field names).
 */
/** The parts of a Swagger / OpenAPI schema this validator reads. */
interface Schema {
  readonly $ref?: string;
  readonly type?: string;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly items?: Schema;
  readonly enum?: readonly unknown[];
  readonly required?: readonly string[];
  readonly allOf?: readonly Schema[];
  readonly additionalProperties?: boolean | Schema;
}

/** A response as Swagger 2.0 (`schema`) or OpenAPI 3.0 (`content`) declares it. */
interface ResponseSpec {
  readonly schema?: Schema;
  readonly content?: Readonly<Record<string, { readonly schema?: Schema }>>;
}

interface Operation {
  readonly responses: Readonly<Record<string, ResponseSpec>>;
  /** Swagger 2.0's request media types; OpenAPI 3.0 names them in `requestBody.content`. */
  readonly consumes?: readonly string[];
  readonly requestBody?: { readonly content?: Readonly<Record<string, unknown>> };
}

/** The top of a contract file, as far as this validator reads it. */
interface SpecDocument {
  readonly definitions?: Readonly<Record<string, Schema>>;
  readonly components?: { readonly schemas?: Readonly<Record<string, Schema>> };
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

interface SpecFile {
  prefix: string;
  doc: SpecDocument;
  schemas: Readonly<Record<string, Schema>>;
  operations: Array<{ method: string; regex: RegExp; template: string; op: Operation }>;
}

/** A path item also holds `parameters` and the like; operations are the entries with responses. */
function isOperation(value: unknown): value is Operation {
  return typeof value === "object" && value !== null && "responses" in value && !!value.responses;
}

const FILES: Array<[string, string]> = [
  ["/agent", "symphony-api-spec/agent/agent-api-public-deprecated.yaml"],
  ["/pod", "symphony-api-spec/pod/pod-api-public.yaml"],
  ["/login", "symphony-api-spec/login/login-api-public.yaml"],
  ["/relay", "symphony-api-spec/login/login-api-public.yaml"],
  ["/sessionauth", "symphony-api-spec/authenticator/authenticator-api-public.yaml"],
  ["/keyauth", "symphony-api-spec/authenticator/authenticator-api-public.yaml"],
];

let loaded: SpecFile[] | undefined;

function specs(): SpecFile[] {
  loaded ??= FILES.map(([prefix, file]) => {
    const doc = parse(readShared(file), { merge: true, maxAliasCount: -1 }) as SpecDocument;
    const schemas = doc.definitions ?? doc.components?.schemas ?? {};
    const operations = Object.entries(doc.paths).flatMap(([template, ops]) =>
      Object.entries(ops).flatMap(([method, op]) =>
        isOperation(op)
          ? [
              {
                method: method.toUpperCase(),
                template,
                regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
                op,
              },
            ]
          : [],
      ),
    );
    return { prefix, doc, schemas, operations };
  });
  return loaded;
}

/** One operation of the contract, with every context path it is served under (`/login` and `/relay` share a file). */
export interface ContractOperation {
  method: string;
  /** The path in its file, e.g. `/v1/room/{id}/info`. */
  template: string;
  /** The file, e.g. `symphony-api-spec/pod/pod-api-public.yaml`. */
  file: string;
  prefixes: string[];
  /** The request media types it takes (empty when it takes no body). */
  consumes: string[];
}

/** Every operation of the contract files, once each (201 in the pinned files). */
export function contractOperations(): ContractOperation[] {
  const byKey = new Map<string, ContractOperation>();
  specs().forEach((spec, i) => {
    const file = FILES[i]![1];
    for (const { method, template, op } of spec.operations) {
      const key = `${file} ${method} ${template}`;
      const known = byKey.get(key);
      const consumes = [...(op.consumes ?? Object.keys(op.requestBody?.content ?? {}))];
      if (known) known.prefixes.push(spec.prefix);
      else byKey.set(key, { method, template, file, prefixes: [spec.prefix], consumes });
    }
  });
  return [...byKey.values()];
}

export interface ContractCheck {
  operation: string;
  errors: string[];
}

/** The response schema the contract declares for this call and status, or why there is none. */
export function responseSchema(
  method: string,
  path: string,
  status: number,
): { spec: SpecFile; schema: Schema; operation: string } | string {
  const spec = specs().find((s) => path.startsWith(`${s.prefix}/`));
  if (!spec) return `no contract file for ${path}`;
  const local = path.slice(spec.prefix.length);
  const candidates = spec.operations.filter((o) => o.method === method && o.regex.test(local));
  // The most specific template wins (`/v1/message/search` over `/v1/message/{id}`).
  const found = candidates.sort((a, b) => a.template.split("{").length - b.template.split("{").length)[0];
  if (!found) return `no operation ${method} ${spec.prefix}${local} in the contract`;
  const response = found.op.responses[String(status)];
  if (!response) return `${method} ${spec.prefix}${found.template} declares no ${status} response`;
  // An error body is JSON even where the file files it under another media type (the attachment's 400).
  const schema =
    response.schema ??
    response.content?.["application/json"]?.schema ??
    Object.values(response.content ?? {}).find((media) => media.schema)?.schema;
  if (!schema) return `${method} ${spec.prefix}${found.template} ${status} has no JSON schema`;
  return { spec, schema, operation: `${method} ${spec.prefix}${found.template} ${status}` };
}

export function checkResponse(method: string, path: string, status: number, body: unknown): ContractCheck {
  const found = responseSchema(method, path, status);
  if (typeof found === "string") return { operation: `${method} ${path} ${status}`, errors: [found] };
  const errors: string[] = [];
  validate(found.spec, found.schema, body, "$", errors);
  return { operation: found.operation, errors };
}

export function validateAgainst(file: "agent" | "pod", schemaName: string, value: unknown): string[] {
  const spec = specs().find((s) => s.prefix === `/${file}`)!;
  const errors: string[] = [];
  validate(spec, { $ref: `#/x/${schemaName}` }, value, "$", errors);
  return errors;
}

function resolve(spec: SpecFile, schema: Schema): Schema {
  let current = schema;
  for (let depth = 0; current.$ref && depth < 20; depth++) {
    const next = spec.schemas[current.$ref.split("/").pop() ?? ""];
    if (!next) throw new Error(`unresolved $ref ${schema.$ref}`);
    current = next;
  }
  return current;
}

function flattenAllOf(spec: SpecFile, schema: Schema): Schema[] {
  return (schema.allOf ?? [schema]).flatMap((part) => {
    const resolved = resolve(spec, part);
    return resolved.allOf ? flattenAllOf(spec, resolved) : [resolved];
  });
}

function validate(spec: SpecFile, raw: Schema, value: unknown, at: string, errors: string[]): void {
  const schema = resolve(spec, raw);
  if (schema.allOf) {
    // One object with the union of the parts' properties (so no part calls another's fields undeclared);
    // a part may itself be an allOf (V2Presence = V2UserPresence = V2PresenceStatus + …).
    const parts = flattenAllOf(spec, schema);
    const merged: Schema = {
      type: "object",
      properties: Object.assign({}, ...parts.map((part) => part.properties ?? {})),
      required: parts.flatMap((part) => part.required ?? []),
    };
    validate(spec, merged, value, at, errors);
    return;
  }
  if (value === null) {
    errors.push(`${at}: null (omit the field instead)`);
    return;
  }
  const type = schema.type ?? (schema.properties ? "object" : undefined);
  switch (type) {
    case "object": {
      if (typeof value !== "object" || Array.isArray(value))
        return void errors.push(`${at}: expected object, got ${kind(value)}`);
      const props = schema.properties ?? {};
      for (const key of schema.required ?? [])
        if (!(key in (value as object))) errors.push(`${at}: missing required "${key}"`);
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        const declared = props[key];
        if (declared) validate(spec, declared, item, `${at}.${key}`, errors);
        else if (schema.additionalProperties && typeof schema.additionalProperties === "object")
          validate(spec, schema.additionalProperties, item, `${at}.${key}`, errors);
        else if (Object.keys(props).length > 0)
          errors.push(`${at}: "${key}" is not declared by the contract`);
      }
      return;
    }
    case "array":
      if (!Array.isArray(value)) return void errors.push(`${at}: expected array, got ${kind(value)}`);
      for (const [i, item] of value.entries())
        validate(spec, schema.items ?? {}, item, `${at}[${i}]`, errors);
      return;
    case "integer":
      if (!Number.isInteger(value)) errors.push(`${at}: expected integer, got ${kind(value)}`);
      break;
    case "number":
      if (typeof value !== "number") errors.push(`${at}: expected number, got ${kind(value)}`);
      break;
    case "string":
      if (typeof value !== "string") errors.push(`${at}: expected string, got ${kind(value)}`);
      break;
    case "boolean":
      if (typeof value !== "boolean") errors.push(`${at}: expected boolean, got ${kind(value)}`);
      break;
  }
  if (schema.enum && !schema.enum.includes(value))
    errors.push(`${at}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`);
}

const kind = (value: unknown) => (Array.isArray(value) ? "array" : value === null ? "null" : typeof value);
