import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { ApiError, badRequest } from "./api-error.ts";
import { type ClientGone, ResponseClient } from "./client-gone.ts";
import type { RequestTarget } from "./request-target.ts";

/** One request as a route sees it: path, query, path parameters, and bounded body readers. */
export interface RequestContext {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly params: Record<string, string>;
  readonly headers: IncomingHttpHeaders;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /**
   * Tells when the client goes away before its answer is written whole (a bot killed mid long-poll),
   * so a waiting read can withdraw instead of taking events nobody will receive.
   */
  readonly clientGone: ClientGone;
  /** Whole body, at most `limit` bytes (413 beyond). */
  readBody(limit?: number): Promise<Buffer>;
  /** Body as JSON; 415 unless the content type is JSON, 400 when malformed. Empty body → undefined. */
  readJson(): Promise<unknown>;
  header(name: string): string | undefined;
}

export interface BodyLimits {
  json: number;
  multipart: number;
}

export function createRequestContext(
  req: IncomingMessage,
  res: ServerResponse,
  target: RequestTarget,
  params: Record<string, string>,
  limits: BodyLimits,
): RequestContext {
  return new HttpRequestContext(req, res, target, params, limits);
}

/**
 * A class rather than an object of closures: made once per request, it then costs one allocation
 * instead of one per method (and, under tsx, one `__name` call per closure).
 */
class HttpRequestContext implements RequestContext {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  private readonly rawQuery: string;
  private parsedQuery: URLSearchParams | undefined;
  private body: Promise<Buffer> | undefined;
  private client: ClientGone | undefined;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    target: RequestTarget,
    readonly params: Record<string, string>,
    private readonly limits: BodyLimits,
  ) {
    this.method = req.method ?? "GET";
    this.path = target.path;
    this.rawQuery = target.query;
    this.headers = req.headers;
  }

  // Parsed on first use: most requests (every message create) have no query.
  get query(): URLSearchParams {
    this.parsedQuery ??= new URLSearchParams(this.rawQuery);
    return this.parsedQuery;
  }

  // Made on first use: only long-polls need it.
  get clientGone(): ClientGone {
    this.client ??= new ResponseClient(this.res);
    return this.client;
  }

  readBody(limit = this.limits.json): Promise<Buffer> {
    this.body ??= readBounded(this.req, limit);
    return this.body;
  }

  header(name: string): string | undefined {
    const value = this.req.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  }

  async readJson(): Promise<unknown> {
    const raw = await this.readBody(this.limits.json);
    if (raw.length === 0) return undefined;
    const type = this.header("content-type") ?? "";
    if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
      throw new ApiError(
        415,
        `Unsupported content type "${type || "(none)"}": send application/json`,
        "UNSUPPORTED_MEDIA_TYPE",
      );
    }
    try {
      return JSON.parse(raw.toString("utf8")) as unknown;
    } catch (error) {
      throw badRequest(`Malformed JSON body: ${(error as Error).message}`, "MALFORMED_JSON");
    }
  }
}

function readBounded(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    let ended = false;
    req.on("end", () => {
      ended = true;
      // Most bodies arrive in one chunk: it is the body as it is (concat would copy it).
      if (!failed) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    });
    // A client that goes away mid-body: settle, so nothing waits for an 'end' that never comes.
    req.on("close", () => {
      if (!ended && !failed) {
        failed = true;
        reject(badRequest("The request body was cut off", "ABORTED"));
      }
    });
    req.on("error", (error) => {
      if (!failed) reject(badRequest(`Request body could not be read: ${error.message}`));
    });
  });
}

function tooLarge(limit: number): ApiError {
  return new ApiError(413, `Request body larger than ${limit} bytes`, "PAYLOAD_TOO_LARGE");
}
