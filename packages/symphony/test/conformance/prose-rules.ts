/**
 * What the contract says in its descriptions rather than its schemas, for the operations the adapter
 * uses: limits, "one of", formats. Each rule quotes the file it comes from; the checker cannot read
 * prose, so these are written out by hand.
 */
import { multipartFields } from "./multipart-fields.ts";
import type { CapturedRequest } from "./request-check.ts";

export interface ProseRule {
  /** The operation as `checkRequest` names it. */
  readonly operation: string;
  /** What the contract says, quoted. */
  readonly says: string;
  /** Why this request breaks the rule, or undefined. */
  readonly broken: (request: CapturedRequest) => string | undefined;
}

const query = (request: CapturedRequest) => new URLSearchParams(request.path.split("?", 2)[1] ?? "");

function limitAtMost(max: number) {
  return (request: CapturedRequest) => {
    const limit = query(request).get("limit");
    return limit !== null && Number(limit) > max ? `limit=${limit} is more than ${max}` : undefined;
  };
}

/** The text fields of a message create or update, as the agent would read them. */
function messageFields(request: CapturedRequest): string | undefined {
  const type = request.headers.find(([name]) => name.toLowerCase() === "content-type")?.[1] ?? "";
  const fields = multipartFields(type, request.body ?? Buffer.alloc(0));
  const text = (name: string) => fields.find((f) => f.name === name && f.filename === undefined);
  const message = text("message");
  if (!message || !/^\s*<messageML[\s/>]/.test(message.value))
    return 'no "message" field holding <messageML>';
  const version = text("version");
  if (version && !/^\d+\.\d+$/.test(version.value)) return `version "${version.value}" is not major.minor`;
  const data = text("data");
  if (data) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(data.value, "latin1").toString("utf8"));
    } catch {
      return '"data" is not JSON';
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      return '"data" is not an EntityJSON object';
  }
  return undefined;
}

/** The login token: a JWT (header.payload.signature) naming the caller and when it expires. */
function loginToken(request: CapturedRequest): string | undefined {
  let token: unknown;
  try {
    token = (JSON.parse(request.body?.toString("utf8") ?? "") as { token?: unknown }).token;
  } catch {
    return "the body is not JSON";
  }
  const parts = typeof token === "string" ? token.split(".") : [];
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part)))
    return "token is not a signed JWT";
  const decode = (part: string) =>
    JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;
  const [header, payload] = [decode(parts[0]!), decode(parts[1]!)];
  if (typeof header.alg !== "string" || !header.alg.startsWith("RS"))
    return `token alg ${String(header.alg)} is not RSA`;
  if (typeof payload.sub !== "string" || payload.sub === "") return "token names no caller (sub)";
  if (!Number.isInteger(payload.exp)) return "token has no expiration date (exp)";
  return undefined;
}

const LOGIN_TOKEN =
  "login-api-public.yaml, AuthenticateRequest.token: “a JWT containing the caller's username […] and an expiration date, signed by the caller's private key.”";

const MESSAGE_FIELDS =
  "agent-api-public-deprecated.yaml: message “The message payload in MessageML.”, data “Optional message data in EntityJSON.”, version “in the format 'major.minor'”";

export const PROSE_RULES: readonly ProseRule[] = [
  { operation: "POST /login/pubkey/authenticate", says: LOGIN_TOKEN, broken: loginToken },
  { operation: "POST /relay/pubkey/authenticate", says: LOGIN_TOKEN, broken: loginToken },
  {
    operation: "GET /pod/v3/users",
    says: "pod-api-public.yaml: “Only one of the search lists should be informed at a time. Search lists may containt up to 100 elements.”; uid: “a list of decimal integers separated by comma”",
    broken: (request) => {
      const lists = ["uid", "email", "username"].filter((name) => query(request).has(name));
      if (lists.length !== 1) return `${lists.length} search lists (${lists.join(", ")})`;
      const items = query(request).get(lists[0]!)!.split(",");
      if (items.length > 100) return `${items.length} elements in ${lists[0]}`;
      if (lists[0] === "uid" && !items.every((id) => /^\d+$/.test(id))) return "uid holds a non-decimal id";
      return undefined;
    },
  },
  {
    operation: "POST /pod/v3/room/search",
    says: "pod-api-public.yaml, limit: “Must be a positive integer and must not exceed 100”",
    broken: limitAtMost(100),
  },
  {
    operation: "GET /agent/v4/stream/{sid}/message",
    says: "agent-api-public-deprecated.yaml, limit: “The maximum supported value is 500.”",
    broken: limitAtMost(500),
  },
  {
    operation: "POST /agent/v4/stream/{sid}/message/create",
    says: MESSAGE_FIELDS,
    broken: messageFields,
  },
  {
    operation: "POST /agent/v4/stream/{sid}/message/{mid}/update",
    says: MESSAGE_FIELDS,
    broken: messageFields,
  },
];

/** The broken prose rules of one request of `operation`. */
export function proseFindings(operation: string, request: CapturedRequest): string[] {
  return PROSE_RULES.filter((rule) => rule.operation === operation).flatMap((rule) => {
    const why = rule.broken(request);
    return why === undefined ? [] : [`${operation}: ${why} — the contract says ${rule.says}`];
  });
}
