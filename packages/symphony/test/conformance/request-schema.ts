import type { ContractFile, Schema } from "./symphony-contract.ts";

/**
 * What a JSON request body breaks of its schema. `errors` are what the contract forbids: a wrong
 * type, a value outside an enum or longer than maxLength, a missing required property, a null (the
 * files declare no `nullable`), and an undeclared property where the schema says
 * `additionalProperties: false`. `undeclared` lists the other properties the schema does not name:
 * the agent ignores them, so such a field (a misspelt one, say) silently does nothing.
 */
export interface SchemaFindings {
  readonly errors: string[];
  readonly undeclared: string[];
}

export function checkAgainstSchema(file: ContractFile, schema: Schema, value: unknown): SchemaFindings {
  const findings: SchemaFindings = { errors: [], undeclared: [] };
  check(file, schema, value, "$", findings);
  return findings;
}

export function resolveSchema(file: ContractFile, schema: Schema): Schema {
  let current = schema;
  for (let depth = 0; typeof current?.$ref === "string"; depth++) {
    if (depth > 20) throw new Error(`$ref cycle at ${schema.$ref}`);
    const name = String(current.$ref).split("/").pop() ?? "";
    const next = file.schemas[name];
    if (!next) throw new Error(`${file.file}: unresolved $ref ${current.$ref}`);
    current = next;
  }
  return current;
}

function check(file: ContractFile, raw: Schema, value: unknown, at: string, findings: SchemaFindings): void {
  const schema = flattenAllOf(file, resolveSchema(file, raw));
  if (value === null) {
    findings.errors.push(`${at}: null (the contract has no nullable field: omit it instead)`);
    return;
  }
  const type = schema.type ?? (schema.properties ? "object" : undefined);
  switch (type) {
    case "object":
      checkObject(file, schema, value, at, findings);
      return;
    case "array":
      if (!Array.isArray(value))
        return void findings.errors.push(`${at}: expected array, got ${kind(value)}`);
      for (const [i, item] of value.entries()) check(file, schema.items ?? {}, item, `${at}[${i}]`, findings);
      return;
    case "integer":
      if (!Number.isInteger(value)) findings.errors.push(`${at}: expected integer, got ${kind(value)}`);
      break;
    case "number":
      if (typeof value !== "number") findings.errors.push(`${at}: expected number, got ${kind(value)}`);
      break;
    case "string":
      if (typeof value !== "string") findings.errors.push(`${at}: expected string, got ${kind(value)}`);
      else if (typeof schema.maxLength === "number" && value.length > schema.maxLength)
        findings.errors.push(`${at}: ${value.length} characters, more than maxLength ${schema.maxLength}`);
      break;
    case "boolean":
      if (typeof value !== "boolean") findings.errors.push(`${at}: expected boolean, got ${kind(value)}`);
      break;
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    findings.errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
}

function checkObject(
  file: ContractFile,
  schema: Schema,
  value: unknown,
  at: string,
  findings: SchemaFindings,
): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    findings.errors.push(`${at}: expected object, got ${kind(value)}`);
    return;
  }
  const record = value as Record<string, unknown>;
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const name of (schema.required ?? []) as string[]) {
    if (!(name in record)) findings.errors.push(`${at}: missing required "${name}"`);
  }
  for (const [name, item] of Object.entries(record)) {
    const declared = properties[name];
    if (declared) check(file, declared, item, `${at}.${name}`, findings);
    else if (typeof schema.additionalProperties === "object")
      check(file, schema.additionalProperties, item, `${at}.${name}`, findings);
    else if (schema.additionalProperties === false)
      findings.errors.push(`${at}: "${name}" is not allowed (additionalProperties: false)`);
    else if (Object.keys(properties).length > 0) findings.undeclared.push(`${at}.${name}`);
  }
}

/** allOf as one object schema with the union of its parts' properties and required names. */
function flattenAllOf(file: ContractFile, schema: Schema): Schema {
  if (!Array.isArray(schema.allOf)) return schema;
  const parts = (schema.allOf as Schema[]).map((part) => flattenAllOf(file, resolveSchema(file, part)));
  const properties: Record<string, Schema> = { ...(schema.properties ?? {}) };
  const required: string[] = [...(schema.required ?? [])];
  let closed = schema.additionalProperties === false;
  for (const part of parts) {
    Object.assign(properties, part.properties ?? {});
    required.push(...(part.required ?? []));
    closed ||= part.additionalProperties === false;
  }
  return { type: "object", properties, required, ...(closed ? { additionalProperties: false } : {}) };
}

const kind = (value: unknown) => (Array.isArray(value) ? "array" : value === null ? "null" : typeof value);
