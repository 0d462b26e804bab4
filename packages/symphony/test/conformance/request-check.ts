import { multipartFields } from "./multipart-fields.ts";
import { checkAgainstSchema, resolveSchema } from "./request-schema.ts";
import { type ContractOperation, findOperation, pathParameters, type Schema } from "./symphony-contract.ts";

/** One HTTP request as the client sent it. */
export interface CapturedRequest {
  readonly method: string;
  /** Path and query, as on the request line (`/pod/v3/users?uid=1`). */
  readonly path: string;
  /** Header names as sent; compared case-insensitively. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body?: Buffer;
}

export interface RequestCheck {
  /** The contract's operation (`POST /agent/v4/stream/{sid}/message/create`), or `METHOD path`. */
  readonly operation: string;
  /** False when the contract has no operation for this method and path. */
  readonly matched: boolean;
  readonly deprecated: boolean;
  /** The values of the template's `{name}` segments, decoded. */
  readonly pathValues: Readonly<Record<string, string>>;
  /** What the contract forbids or requires and the request does not do. */
  readonly errors: string[];
  /** JSON properties the schema does not name (see request-schema.ts). */
  readonly undeclared: string[];
}

/** Checks one request against its operation: path, parameters, content type and body. */
export function checkRequest(request: CapturedRequest): RequestCheck {
  const [pathname = "", search = ""] = request.path.split("?", 2);
  const found = findOperation(request.method, pathname);
  if (typeof found === "string") {
    return {
      operation: `${request.method} ${pathname}`,
      matched: false,
      deprecated: false,
      pathValues: {},
      errors: [found],
      undeclared: [],
    };
  }
  const errors: string[] = [];
  const undeclared: string[] = [];
  checkPathParameters(found, pathname, errors);
  checkQuery(found, new URLSearchParams(search), errors);
  checkHeaders(found, request.headers, errors);
  checkAccept(found, request.headers, errors);
  checkBody(found, request, errors, undeclared);
  return {
    operation: found.name,
    matched: true,
    deprecated: found.op.deprecated === true,
    pathValues: pathParameters(found, pathname),
    errors,
    undeclared,
  };
}

function parametersIn(operation: ContractOperation, place: string): Schema[] {
  return operation.parameters.filter((p) => p.in === place);
}

/** Swagger 2 writes a parameter's type on it; OpenAPI 3 in its `schema`. */
function parameterSchema(parameter: Schema): Schema {
  return (parameter.schema as Schema | undefined) ?? parameter;
}

function checkPathParameters(operation: ContractOperation, pathname: string, errors: string[]): void {
  const values = pathParameters(operation, pathname);
  for (const parameter of parametersIn(operation, "path")) {
    const value = values[parameter.name];
    if (value === undefined || value === "") errors.push(`path parameter {${parameter.name}} is empty`);
    else checkText(`path parameter {${parameter.name}}`, parameterSchema(parameter), value, errors);
  }
  const declared = new Set(parametersIn(operation, "path").map((p) => p.name));
  for (const name of Object.keys(values)) {
    if (!declared.has(name)) errors.push(`the contract declares no parameter for {${name}}`);
  }
}

function checkQuery(operation: ContractOperation, query: URLSearchParams, errors: string[]): void {
  const declared = parametersIn(operation, "query");
  for (const parameter of declared) {
    const value = query.get(parameter.name);
    if (value === null) {
      if (parameter.required === true) errors.push(`required query parameter "${parameter.name}" is missing`);
      continue;
    }
    checkText(`query parameter "${parameter.name}"`, parameterSchema(parameter), value, errors);
  }
  const names = new Set(declared.map((p) => p.name));
  for (const name of new Set(query.keys())) {
    if (!names.has(name))
      errors.push(`query parameter "${name}" is not in the contract (it would be ignored)`);
  }
}

function checkHeaders(
  operation: ContractOperation,
  headers: CapturedRequest["headers"],
  errors: string[],
): void {
  const sent = new Map(headers.map(([name, value]) => [name.toLowerCase(), value]));
  const declared = parametersIn(operation, "header");
  for (const parameter of declared) {
    const value = sent.get(String(parameter.name).toLowerCase());
    if (parameter.required === true && (value === undefined || value === ""))
      errors.push(`required header "${parameter.name}" is ${value === undefined ? "missing" : "empty"}`);
  }
  // A token header the operation does not take is a secret sent where it is not needed.
  const names = new Set(declared.map((p) => String(p.name).toLowerCase()));
  for (const [name] of headers) {
    const lower = name.toLowerCase();
    if (!names.has(lower) && !HTTP_HEADERS.has(lower))
      errors.push(`header "${name}" is not in the contract for this operation`);
  }
}

/** The media types of the operation's success answers; empty when the file does not say. */
function answeredTypes(operation: ContractOperation): string[] {
  const { file, op } = operation;
  if (file.swagger2)
    return ((op.produces ?? file.doc.produces ?? []) as string[]).map((t) => t.toLowerCase());
  const success = Object.entries((op.responses ?? {}) as Record<string, Schema>).filter(([code]) =>
    code.startsWith("2"),
  );
  return [...new Set(success.flatMap(([, answer]) => Object.keys(answer.content ?? {})))].map((t) =>
    t.toLowerCase(),
  );
}

/** An Accept header must admit one of the operation's answers: a strict server answers 406 otherwise. */
function checkAccept(
  operation: ContractOperation,
  headers: CapturedRequest["headers"],
  errors: string[],
): void {
  const accept = headers.find(([name]) => name.toLowerCase() === "accept")?.[1];
  const answered = answeredTypes(operation);
  if (accept === undefined || answered.length === 0) return;
  const ranges = accept.split(",").map((range) => range.split(";")[0]!.trim().toLowerCase());
  const admits = (type: string) =>
    ranges.some((range) => range === "*/*" || range === type || range === `${type.split("/")[0]}/*`);
  if (!answered.some(admits))
    errors.push(
      `accept "${accept}" admits none of the operation's answers (${answered.join(", ")}): 406 on a strict server`,
    );
}

/** Headers of HTTP itself, which the contract files never list. */
const HTTP_HEADERS = new Set([
  "accept",
  "accept-encoding",
  "connection",
  "content-length",
  "content-type",
  "host",
  "user-agent",
]);

/** A query or path value (text on the wire) against its declared type. */
function checkText(what: string, schema: Schema, value: string, errors: string[]): void {
  switch (schema.type) {
    case "integer":
      if (!/^-?\d+$/.test(value)) errors.push(`${what}: "${value}" is not an integer`);
      break;
    case "number":
      if (value.trim() === "" || Number.isNaN(Number(value)))
        errors.push(`${what}: "${value}" is not a number`);
      break;
    case "boolean":
      if (value !== "true" && value !== "false") errors.push(`${what}: "${value}" is not true or false`);
      break;
    case "array":
      // Swagger 2 arrays are comma-separated by default; each item is checked as its own value.
      for (const item of value.split(",")) checkText(what, schema.items ?? {}, item, errors);
      return;
  }
  if (typeof schema.maxLength === "number" && value.length > schema.maxLength)
    errors.push(`${what}: longer than maxLength ${schema.maxLength}`);
  if (Array.isArray(schema.enum) && !schema.enum.map(String).includes(value))
    errors.push(`${what}: "${value}" is not one of ${schema.enum.join(", ")}`);
}

/** What body an operation takes: its media types, each with its schema, and whether it is required. */
function acceptedBodies(operation: ContractOperation): { types: Map<string, Schema>; required: boolean } {
  const { file, op } = operation;
  if (!file.swagger2) {
    const content = (op.requestBody?.content ?? {}) as Record<string, Schema>;
    const types = new Map(Object.entries(content).map(([type, media]) => [type, media.schema ?? {}]));
    return { types, required: op.requestBody?.required === true };
  }
  const body = parametersIn(operation, "body")[0];
  if (!body) return { types: new Map(), required: false };
  const consumes = (op.consumes ?? file.doc.consumes ?? ["application/json"]) as string[];
  return {
    types: new Map(consumes.map((type) => [type, body.schema ?? {}])),
    required: body.required === true,
  };
}

function checkBody(
  operation: ContractOperation,
  request: CapturedRequest,
  errors: string[],
  undeclared: string[],
): void {
  const accepted = acceptedBodies(operation);
  const body = request.body;
  const contentType =
    request.headers.find(([name]) => name.toLowerCase() === "content-type")?.[1] ?? "(no content-type)";
  if (!body || body.length === 0) {
    if (accepted.required)
      errors.push(`the request body is required (${[...accepted.types.keys()].join(", ")})`);
    return;
  }
  if (accepted.types.size === 0) {
    errors.push(`a body is sent (${contentType}) but the operation takes none`);
    return;
  }
  const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
  const schema = accepted.types.get(mediaType);
  if (!schema) {
    errors.push(
      `content-type ${mediaType} is not one the operation takes (${[...accepted.types.keys()].join(", ")})`,
    );
    return;
  }
  if (mediaType === "application/json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      errors.push("the JSON body does not parse");
      return;
    }
    const findings = checkAgainstSchema(operation.file, schema, parsed);
    errors.push(...findings.errors.map((e) => `body ${e}`));
    undeclared.push(...findings.undeclared.map((u) => `body ${u}`));
    return;
  }
  if (mediaType === "multipart/form-data") checkMultipart(operation, schema, contentType, body, errors);
}

/**
 * A multipart body's field names are the contract: the agent reads the fields it knows by name and
 * drops the others, so a field the schema does not name is an error here, not a note.
 */
function checkMultipart(
  operation: ContractOperation,
  raw: Schema,
  contentType: string,
  body: Buffer,
  errors: string[],
): void {
  let fields: ReturnType<typeof multipartFields>;
  try {
    fields = multipartFields(contentType, body);
  } catch (error) {
    errors.push(`multipart body: ${(error as Error).message}`);
    return;
  }
  const schema = resolveSchema(operation.file, raw);
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const name of (schema.required ?? []) as string[]) {
    if (!fields.some((f) => f.name === name)) errors.push(`multipart field "${name}" is required`);
  }
  for (const field of fields) {
    const declared = properties[field.name];
    if (!declared) {
      errors.push(
        `multipart field "${field.name}" is not in the contract (it takes ${Object.keys(properties).join(", ")})`,
      );
      continue;
    }
    const property = resolveSchema(operation.file, declared);
    const binary = property.format === "binary";
    if (binary && field.filename === undefined)
      errors.push(`multipart field "${field.name}" is a file in the contract: it needs a filename`);
    if (!binary && field.filename !== undefined)
      errors.push(`multipart field "${field.name}" is text in the contract, sent as a file`);
    if (!binary) checkText(`multipart field "${field.name}"`, property, field.value, errors);
  }
}
