import { badRequest } from "../http/api-error.ts";
import type { Reply } from "../http/router.ts";
import type { Clock } from "../runtime/clock.ts";

/** A planned failure: matching requests get `status`/`body`, a delay, or a dropped connection. */
export interface FaultSpec {
  method?: string;
  /** Path pattern: `*` matches any run of characters (`/agent/v5/datafeeds/*\/read`). */
  path: string;
  status?: number;
  body?: unknown;
  /** Response headers of the faulty reply, e.g. `{"Retry-After": "1"}` on a 429. */
  headers?: Record<string, string>;
  delayMs?: number;
  drop?: boolean;
  /** Handle the request as usual, then drop the connection instead of answering (the work is done, the client never hears). */
  dropAfter?: boolean;
  /** Handle the request as usual, then answer this much later (ms): the work is done, its answer travels slowly. */
  answerDelayMs?: number;
  /**
   * Expire every session and key-manager token first, then go on: the request meets the pod's own
   * check and is refused 401 like any expired session. With `times`, a fresh login is expired again
   * by the next matching request: the pod refusing a call even after the client logged in again.
   */
  expireSessions?: boolean;
  /** How many matching requests it affects (default 1). */
  times?: number;
}

interface ActiveFault extends FaultSpec {
  regex: RegExp;
  left: number;
}

const MAX_DELAY_MS = 120_000;

/** Fault injection for the REST API (never the dev API, so tests can always undo a fault). */
export class FaultInjector {
  private faults: ActiveFault[] = [];

  constructor(
    private readonly clock: Clock,
    /** Expires every session (the pod's own `expireAll`), for `expireSessions` faults. */
    private readonly expireSessions: () => void = () => {},
  ) {}

  add(spec: unknown): FaultSpec {
    const fault = validate(spec);
    const source = fault.path
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*");
    this.faults.push({ ...fault, regex: new RegExp(`^${source}$`), left: fault.times ?? 1 });
    return fault;
  }

  clear(): void {
    this.faults = [];
  }

  list(): FaultSpec[] {
    return this.faults.map(({ regex: _regex, left, ...spec }) => ({ ...spec, times: left }));
  }

  /** Whether any fault waits for a request: only then must a request ask `apply` (and wait for it). */
  get armed(): boolean {
    return this.faults.length > 0;
  }

  /** The fault to apply to this request, if any: a reply, "drop", or undefined (go on, maybe delayed). */
  async apply(
    method: string,
    path: string,
  ): Promise<
    (Reply & { headers?: Record<string, string> }) | "drop" | "drop-after" | { lateMs: number } | undefined
  > {
    if (path.startsWith("/emulator/")) return undefined;
    const fault = this.faults.find(
      (f) => f.regex.test(path) && (!f.method || f.method.toUpperCase() === method),
    );
    if (!fault) return undefined;
    fault.left--;
    if (fault.left <= 0) this.faults = this.faults.filter((f) => f !== fault);
    if (fault.delayMs) await new Promise<void>((resolve) => this.clock.setTimeout(resolve, fault.delayMs!));
    if (fault.expireSessions) this.expireSessions();
    if (fault.drop) return "drop";
    if (fault.dropAfter) return "drop-after";
    if (fault.answerDelayMs) return { lateMs: fault.answerDelayMs };
    if (fault.status === undefined) return undefined;
    const body = fault.body ?? { code: fault.status, message: `Injected fault: ${fault.status}` };
    const headers = fault.headers ? { headers: fault.headers } : {};
    return typeof body === "string"
      ? { status: fault.status, text: body, contentType: "text/plain", ...headers }
      : { status: fault.status, json: body, ...headers };
  }
}

function validate(spec: unknown): FaultSpec {
  if (!spec || typeof spec !== "object" || Array.isArray(spec))
    throw badRequest("A fault is a JSON object with at least a path");
  const s = spec as Record<string, unknown>;
  if (typeof s.path !== "string" || !s.path.startsWith("/"))
    throw badRequest('Fault "path" must be a string starting with "/"');
  if (s.method !== undefined && typeof s.method !== "string")
    throw badRequest('Fault "method" must be a string');
  if (
    s.status !== undefined &&
    (!Number.isInteger(s.status) || (s.status as number) < 100 || (s.status as number) > 599)
  ) {
    throw badRequest('Fault "status" must be an HTTP status code (100-599)');
  }
  if (
    s.delayMs !== undefined &&
    (typeof s.delayMs !== "number" || s.delayMs < 0 || s.delayMs > MAX_DELAY_MS)
  ) {
    throw badRequest(`Fault "delayMs" must be a number between 0 and ${MAX_DELAY_MS}`);
  }
  if (
    s.answerDelayMs !== undefined &&
    (typeof s.answerDelayMs !== "number" || s.answerDelayMs < 0 || s.answerDelayMs > MAX_DELAY_MS)
  ) {
    throw badRequest(`Fault "answerDelayMs" must be a number between 0 and ${MAX_DELAY_MS}`);
  }
  if (s.drop !== undefined && typeof s.drop !== "boolean") throw badRequest('Fault "drop" must be a boolean');
  if (s.dropAfter !== undefined && typeof s.dropAfter !== "boolean")
    throw badRequest('Fault "dropAfter" must be a boolean');
  if (s.expireSessions !== undefined && typeof s.expireSessions !== "boolean")
    throw badRequest('Fault "expireSessions" must be a boolean');
  if (s.times !== undefined && (!Number.isInteger(s.times) || (s.times as number) < 1)) {
    throw badRequest('Fault "times" must be a positive integer');
  }
  if (
    s.headers !== undefined &&
    (typeof s.headers !== "object" ||
      s.headers === null ||
      Array.isArray(s.headers) ||
      !Object.entries(s.headers).every(([k, v]) => /^[A-Za-z0-9-]+$/.test(k) && typeof v === "string"))
  ) {
    throw badRequest('Fault "headers" must map header names to string values');
  }
  if (
    s.status === undefined &&
    !s.drop &&
    !s.dropAfter &&
    !s.delayMs &&
    !s.answerDelayMs &&
    !s.expireSessions
  )
    throw badRequest("A fault needs a status, drop, dropAfter, delayMs, answerDelayMs or expireSessions");
  return {
    method: s.method as string | undefined,
    path: s.path,
    status: s.status as number | undefined,
    body: s.body,
    headers: s.headers as Record<string, string> | undefined,
    delayMs: s.delayMs as number | undefined,
    drop: s.drop as boolean | undefined,
    dropAfter: s.dropAfter as boolean | undefined,
    answerDelayMs: s.answerDelayMs as number | undefined,
    expireSessions: s.expireSessions as boolean | undefined,
    times: s.times as number | undefined,
  };
}
