/**
 * The Teams SDK's HTTP seam (`IHttpServerAdapter`) on node:http, with sprig's checks in front of
 * the SDK: only POST to the messaging endpoint, a body of bounded size, valid JSON, one activity
 * with a type, a serviceUrl and a conversation — each refusal a 4xx with a short JSON reason. What
 * passes goes to the SDK's handler (JWT validation when credentials are configured, then routing).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { HttpRouteHandler, IHttpServerAdapter } from "@microsoft/teams.apps";
import { checkActivity } from "../inbound/incoming-activity.ts";

export interface GuardedServerOptions {
  readonly host: string;
  /** Largest body accepted (256 KiB by default; Teams activities are far smaller). */
  readonly maxBodyBytes?: number;
}

export class GuardedHttpServer implements IHttpServerAdapter {
  readonly #options: GuardedServerOptions;
  readonly #routes = new Map<string, HttpRouteHandler>();
  #server: Server | undefined;

  constructor(options: GuardedServerOptions) {
    this.#options = options;
  }

  registerRoute(_method: "POST", path: string, handler: HttpRouteHandler): void {
    this.#routes.set(path, handler);
  }

  async start(port: number | string): Promise<void> {
    const server = createServer((req, res) => void this.#handle(req, res));
    this.#server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(Number(port), this.#options.host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  }

  /** The port the server listens on (after `start`). */
  get port(): number {
    return (this.#server?.address() as AddressInfo | null)?.port ?? 0;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      const route = this.#routes.get(path);
      if (!route) return reply(res, 404, { error: "not_found", message: `Nothing is served at ${path}.` });
      if (req.method !== "POST")
        return reply(res, 405, { error: "method_not_allowed", message: "POST activities here." });
      const type = String(req.headers["content-type"] ?? "");
      if (!/^application\/json\b/i.test(type)) {
        return reply(res, 415, {
          error: "unsupported_media_type",
          message: "Send the activity as application/json.",
        });
      }
      const text = await readBody(req, this.#options.maxBodyBytes ?? 256 * 1024);
      if (text === undefined)
        return reply(res, 413, { error: "too_large", message: "The activity is too large." });
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return reply(res, 400, { error: "bad_json", message: "The body is not valid JSON." });
      }
      const check = checkActivity(body);
      if (!check.ok) return reply(res, 400, { error: "bad_activity", message: check.problem });
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = value;
      const answer = await route({ body, headers });
      reply(res, answer.status, answer.body);
    } catch {
      if (!res.headersSent)
        reply(res, 500, { error: "internal", message: "The activity could not be handled." });
    }
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (body === undefined || body === null) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

/** The body as text, or undefined once it grows past the limit (the rest is not read). */
function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.resume();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
