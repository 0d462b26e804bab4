/**
 * A real local HTTP server playing the Bot Framework connector a Teams bot answers through: it
 * records every activity the bot sends or updates, opens 1:1 conversations, serves rosters, and
 * can answer the next calls with a failure (429 with Retry-After, 5xx, 4xx) to test the sender.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Captured {
  readonly method: "POST" | "PUT";
  readonly conversationId: string;
  /** The activity's id: assigned on POST, the updated one on PUT. */
  readonly activityId: string;
  readonly activity: Record<string, unknown>;
}

export interface RosterMember {
  readonly id: string;
  readonly name: string;
  readonly userRole?: string;
}

interface Fault {
  readonly status: number;
  readonly headers?: Record<string, string>;
}

export class LocalConnector {
  readonly captured: Captured[] = [];
  /** Every request line, failures included ("POST /v3/conversations/…"). */
  readonly requests: string[] = [];
  readonly rosters = new Map<string, RosterMember[]>();
  readonly #faults: Fault[] = [];
  #server: Server | undefined;
  #next = 1;
  #failAfter: { calls: number; fault: Fault } | undefined;

  get url(): string {
    const port = (this.#server?.address() as AddressInfo | null)?.port;
    return `http://127.0.0.1:${port}/`;
  }

  /** After `calls` more calls succeed, every later call fails with this answer. */
  failAfter(calls: number, fault: Fault): void {
    this.#failAfter = { calls, fault };
  }

  /** Calls succeed again. */
  heal(): void {
    this.#failAfter = undefined;
    this.#faults.length = 0;
  }

  /** The next calls fail with these answers, one each. */
  failNext(...faults: Fault[]): void {
    this.#faults.push(...faults);
  }

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      void this.#answer(req).then(
        ({ status, body, headers }) => {
          res
            .writeHead(status, { "content-type": "application/json", ...headers })
            .end(JSON.stringify(body ?? {}));
        },
        () => res.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, "127.0.0.1", resolve));
    return this;
  }

  async close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  async #answer(
    req: IncomingMessage,
  ): Promise<{ status: number; body?: unknown; headers?: Record<string, string> }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const body = text === "" ? undefined : (JSON.parse(text) as Record<string, unknown>);
    const path = new URL(req.url ?? "/", "http://x").pathname;
    this.requests.push(`${req.method} ${path}`);
    let fault = this.#faults.shift();
    if (!fault && this.#failAfter) {
      if (this.#failAfter.calls > 0) this.#failAfter.calls--;
      else fault = this.#failAfter.fault;
    }
    if (fault)
      return {
        status: fault.status,
        body: { error: { code: "Fault", message: "injected" } },
        ...(fault.headers ? { headers: fault.headers } : {}),
      };
    const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
    // v3 conversations …
    if (parts[0] !== "v3" || parts[1] !== "conversations") return { status: 404 };
    if (parts.length === 2 && req.method === "POST") {
      const member = (body?.members as { id: string }[] | undefined)?.[0]?.id ?? "unknown";
      return { status: 201, body: { id: `a:${member}` } };
    }
    const conversationId = parts[2]!;
    if (parts[3] === "members" && req.method === "GET") {
      return { status: 200, body: this.rosters.get(conversationId) ?? [] };
    }
    if (parts[3] === "activities" && req.method === "POST" && parts.length === 4) {
      const activityId = `act-${this.#next++}`;
      this.captured.push({ method: "POST", conversationId, activityId, activity: body ?? {} });
      return { status: 201, body: { id: activityId } };
    }
    if (parts[3] === "activities" && req.method === "PUT" && parts.length === 5) {
      this.captured.push({ method: "PUT", conversationId, activityId: parts[4]!, activity: body ?? {} });
      return { status: 200, body: { id: parts[4] } };
    }
    return { status: 404 };
  }
}
