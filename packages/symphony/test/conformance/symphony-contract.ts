/**
 * The upstream Symphony contract (../shared/symphony-api-spec) as a lookup of OPERATIONS: which file
 * serves a URL path, which operation (method + path template) it is, with its parameters and request
 * body. The emulator's own reader (packages/emulator/test/support/openapi-contract.ts) answers the
 * response side only and does not expose its operations, hence this small reader of the same files.
 */
import { readShared } from "@sprig/shared-data";
import { parse } from "yaml";

// biome-ignore lint/suspicious/noExplicitAny: OpenAPI / Swagger documents are read as plain YAML.
export type Schema = Record<string, any>;

export interface ContractFile {
  /** The URL prefix its paths live under (`/pod`, `/agent`, `/login`, …). */
  readonly prefix: string;
  readonly file: string;
  /** Swagger 2.0 (pod, login, authenticator) or OpenAPI 3 (agent). */
  readonly swagger2: boolean;
  readonly doc: Schema;
  readonly schemas: Record<string, Schema>;
}

export interface ContractOperation {
  readonly file: ContractFile;
  readonly method: string;
  /** The path template as the file writes it, without the prefix (`/v4/stream/{sid}/message/create`). */
  readonly template: string;
  /** Path-level parameters merged with the operation's own (the operation's win). */
  readonly parameters: readonly Schema[];
  readonly op: Schema;
  /** e.g. `POST /agent/v4/stream/{sid}/message/create` */
  readonly name: string;
}

const SPEC = "symphony-api-spec";
const LOGIN = `${SPEC}/login/login-api-public.yaml`;
const AUTHENTICATOR = `${SPEC}/authenticator/authenticator-api-public.yaml`;

/**
 * The pod's prefix is its file's `basePath`, the agent's the path of its `servers` URL. The login
 * and authenticator files name no base path: a pod serves them under `/login` (session) and `/relay`
 * (key manager) for RSA, `/sessionauth` and `/keyauth` for certificates, as the BDK's defaults say.
 */
const FILES: ReadonlyArray<{ file: string; prefix?: string }> = [
  { file: `${SPEC}/agent/agent-api-public-deprecated.yaml` },
  { file: `${SPEC}/pod/pod-api-public.yaml` },
  { file: LOGIN, prefix: "/login" },
  { file: LOGIN, prefix: "/relay" },
  { file: AUTHENTICATOR, prefix: "/sessionauth" },
  { file: AUTHENTICATOR, prefix: "/keyauth" },
];

const METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options"]);

interface IndexedFile extends ContractFile {
  readonly operations: ReadonlyArray<ContractOperation & { readonly regex: RegExp }>;
}

let loaded: IndexedFile[] | undefined;

function contractFiles(): IndexedFile[] {
  loaded ??= FILES.map(({ file, prefix }) => indexFile(file, prefix));
  return loaded;
}

function indexFile(file: string, givenPrefix: string | undefined): IndexedFile {
  const doc = parse(readShared(file), { merge: true, maxAliasCount: -1 }) as Schema;
  const prefix = givenPrefix ?? prefixOf(doc, file);
  const swagger2 = doc.swagger === "2.0";
  const schemas = (swagger2 ? doc.definitions : doc.components?.schemas) as Record<string, Schema>;
  const contract: ContractFile = { prefix, file, swagger2, doc, schemas: schemas ?? {} };
  const operations = Object.entries(doc.paths as Record<string, Schema>).flatMap(([template, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, op]) => ({
        file: contract,
        method: method.toUpperCase(),
        template,
        parameters: mergeParameters(item.parameters ?? [], op.parameters ?? []),
        op: op as Schema,
        name: `${method.toUpperCase()} ${prefix}${template}`,
        regex: new RegExp(
          `^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`,
        ),
      })),
  );
  return { ...contract, operations };
}

function prefixOf(doc: Schema, file: string): string {
  if (typeof doc.basePath === "string") return doc.basePath.replace(/\/$/, "");
  const server = doc.servers?.[0]?.url;
  if (typeof server === "string") return `/${server.split("/").slice(1).join("/")}`.replace(/\/$/, "");
  throw new Error(`${file} names no base path: give its prefix in symphony-contract.ts`);
}

function mergeParameters(shared: readonly Schema[], own: readonly Schema[]): Schema[] {
  const key = (p: Schema) => `${p.in}:${p.name}`;
  const byKey = new Map<string, Schema>(shared.map((p) => [key(p), p]));
  for (const p of own) byKey.set(key(p), p);
  return [...byKey.values()];
}

/** The operation a request to this URL path (no query) with this method is, or why there is none. */
export function findOperation(method: string, path: string): ContractOperation | string {
  const files = contractFiles().filter((f) => path.startsWith(`${f.prefix}/`));
  if (files.length === 0) return `no contract file serves ${path} (known prefixes: ${prefixes()})`;
  const candidates = files.flatMap((f) =>
    f.operations.filter((o) => o.method === method && o.regex.test(path.slice(f.prefix.length))),
  );
  // The most specific template wins (`/v1/message/search` over `/v1/message/{id}`).
  const byFewestParameters = candidates.sort((a, b) => holes(a.template) - holes(b.template));
  const found = byFewestParameters[0];
  if (found) return found;
  const otherMethods = files.flatMap((f) =>
    f.operations.filter((o) => o.regex.test(path.slice(f.prefix.length))).map((o) => o.method),
  );
  return otherMethods.length > 0
    ? `${method} ${path}: the contract has this path only for ${[...new Set(otherMethods)].join(", ")}`
    : `${method} ${path}: no such path in ${files.map((f) => f.file).join(" / ")}`;
}

/** The values of the template's `{name}` segments in a concrete path. */
export function pathParameters(operation: ContractOperation, path: string): Record<string, string> {
  const local = path.slice(operation.file.prefix.length).split("/");
  const values: Record<string, string> = {};
  operation.template.split("/").forEach((segment, i) => {
    const name = /^\{(.+)\}$/.exec(segment)?.[1];
    if (name !== undefined) values[name] = decodeURIComponent(local[i] ?? "");
  });
  return values;
}

/** A named schema of a contract file (`#/definitions/X` or `#/components/schemas/X`). */
export function namedSchema(file: ContractFile, name: string): Schema {
  const schema = file.schemas[name];
  if (!schema) throw new Error(`${file.file} has no schema ${name}`);
  return schema;
}

const holes = (template: string) => template.split("{").length;
const prefixes = () => [...new Set(contractFiles().map((f) => f.prefix))].join(", ");
