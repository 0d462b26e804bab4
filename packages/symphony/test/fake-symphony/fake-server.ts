/**
 * A tiny scripted HTTP(S) server on 127.0.0.1 for the adapter's tests: routes by method and path,
 * records every request, and lets a handler hold a response (long-poll) until the client goes away.
 * Written for these tests from the upstream contract; it shares nothing with @sprig/emulator.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer, type ServerOptions } from "node:https";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage["headers"];
  readonly body: Buffer;
  readonly json: unknown;
  /** Subject CN of the client certificate, when the client sent one over TLS. */
  readonly clientCertificateCN: string | undefined;
  /** Resolves when the client closes the connection before an answer was sent. */
  readonly closed: Promise<void>;
}

export interface Reply {
  readonly status?: number;
  readonly json?: unknown;
  readonly text?: string;
  readonly headers?: Record<string, string>;
  /** Destroy the socket instead of answering (a dropped connection). */
  readonly drop?: boolean;
}

export type Handler = (request: RecordedRequest) => Reply | Promise<Reply>;

interface Route {
  readonly method: string;
  readonly path: string | RegExp;
  readonly handler: Handler;
}

export class FakeServer {
  readonly requests: RecordedRequest[] = [];
  private readonly routes: Route[] = [];
  private server!: Server;
  private readonly sockets = new Set<import("node:net").Socket>();

  static async start(tls?: ServerOptions): Promise<FakeServer> {
    const fake = new FakeServer();
    const listener = (req: IncomingMessage, res: ServerResponse) => void fake.dispatch(req, res);
    fake.server = tls ? createHttpsServer(tls, listener) : createHttpServer(listener);
    fake.server.on("connection", (socket) => {
      fake.sockets.add(socket);
      socket.on("close", () => fake.sockets.delete(socket));
    });
    fake.server.on("secureConnection", (socket) => {
      fake.sockets.add(socket);
      socket.on("close", () => fake.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Adds a route; a later route for the same request wins, so a test can override a default. */
  on(method: string, path: string | RegExp, handler: Handler): this {
    this.routes.unshift({ method, path, handler });
    return this;
  }

  /** Answers successive matching requests with the given replies, the last one repeating. */
  sequence(method: string, path: string | RegExp, replies: Reply[]): this {
    let index = 0;
    return this.on(method, path, () => replies[Math.min(index++, replies.length - 1)]!);
  }

  requestsTo(method: string, path: string | RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && matches(path, r.path));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    let json: unknown;
    if ((req.headers["content-type"] ?? "").includes("json") && body.length > 0)
      json = JSON.parse(body.toString());
    const socket = req.socket as TLSSocket;
    // Only a certificate the server's CA verified counts (the server asks for one but does not insist,
    // so that calls without one still reach the routes that do not need it).
    const peer =
      typeof socket.getPeerCertificate === "function" && socket.authorized
        ? socket.getPeerCertificate()
        : undefined;
    const closed = new Promise<void>((resolve) => res.on("close", () => resolve()));
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      json,
      clientCertificateCN: peer && "subject" in peer ? (peer.subject?.CN as string | undefined) : undefined,
      closed,
    };
    this.requests.push(recorded);
    const route = this.routes.find((r) => r.method === recorded.method && matches(r.path, recorded.path));
    const reply: Reply = route
      ? await route.handler(recorded)
      : { status: 404, json: { code: 404, message: `no route ${recorded.method} ${recorded.path}` } };
    if (res.destroyed) return;
    if (reply.drop) {
      req.socket.destroy();
      return;
    }
    const headers: Record<string, string> = { ...reply.headers };
    let payload = "";
    if (reply.json !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(reply.json);
    } else if (reply.text !== undefined) {
      headers["content-type"] ??= "text/plain";
      payload = reply.text;
    }
    res.writeHead(reply.status ?? 200, headers);
    res.end(payload);
  }
}

function matches(pattern: string | RegExp, path: string): boolean {
  return typeof pattern === "string" ? pattern === path : pattern.test(path);
}
