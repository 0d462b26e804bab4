import type { IncomingMessage, ServerResponse } from "node:http";
import type { FaultInjector } from "../faults/fault-injector.ts";
import { ApiError } from "./api-error.ts";
import { type BodyLimits, createRequestContext } from "./request-context.ts";
import { requestTarget } from "./request-target.ts";
import type { Reply, Router } from "./router.ts";

export type Logger = (line: string) => void;

/**
 * The one request handler: faults first, then the route; every failure becomes an error body.
 * Nothing a client sends can throw out of here (an unexpected error is a 500 with a reference).
 */
export function createDispatcher(
  router: Router,
  faults: FaultInjector,
  limits: BodyLimits,
  log: Logger,
  newReference: () => string,
) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = requestTarget(req.url ?? "/");
    if (target === undefined) {
      writeReply(res, { status: 400, json: { code: 400, message: "Malformed request URL" } });
      return;
    }
    const { path } = target;
    const method = req.method ?? "GET";
    try {
      // Only an armed fault costs a wait: every other request goes straight on.
      const fault = faults.armed ? await faults.apply(method, path) : undefined;
      if (fault === "drop") {
        req.socket.destroy();
        return;
      }
      const late = isLate(fault) ? fault.lateMs : 0;
      if (fault && fault !== "drop-after" && !isLate(fault)) {
        for (const [name, value] of Object.entries(fault.headers ?? {})) res.setHeader(name, value);
        writeReply(res, fault);
        return;
      }
      const match = router.match(method, path);
      if (match.kind === "none") throw new ApiError(404, `No route for ${method} ${path}`, "NO_ROUTE");
      if (match.kind === "wrong-method") {
        res.setHeader("allow", match.allowed.join(", "));
        throw new ApiError(
          405,
          `Method ${method} not allowed on ${path}; use ${match.allowed.join(" or ")}`,
          "METHOD_NOT_ALLOWED",
        );
      }
      const ctx = createRequestContext(req, res, target, match.params, limits);
      const reply = await match.handler(ctx);
      if (fault === "drop-after") {
        // A lost answer the pod does not notice (no `undelivered`): the client must recover on its own.
        req.socket.destroy();
        return;
      }
      // A slow answer: the pod acted at once, the client hears of it later.
      if (late) await new Promise<void>((resolve) => setTimeout(resolve, late));
      writeReply(res, reply);
    } catch (error) {
      if (error instanceof ApiError) {
        // REST bodies keep Symphony's exact {code, message}; the dev API adds a stable `reason`.
        writeReply(res, { status: error.status, json: error.body(path.startsWith("/emulator/")) });
        if (error.status === 413) req.resume();
        return;
      }
      const reference = newReference();
      log(
        `[sprig-emulator] internal error ${reference} on ${method} ${path}: ${(error as Error)?.stack ?? String(error)}`,
      );
      writeReply(res, {
        status: 500,
        json: { code: 500, message: `Internal emulator error (reference ${reference})` },
      });
    }
  };
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  if (reply === "handled" || res.headersSent) return;
  if (res.destroyed) {
    reply.undelivered?.();
    return;
  }
  const { undelivered } = reply;
  const socket = res.socket;
  // A reset mid-write still ends in 'finish' (node flushes into a dead socket); the socket's error tells.
  if (undelivered)
    res.once("close", () => {
      if (!res.writableFinished || socket?.errored) undelivered();
    });
  if ("json" in reply) {
    const body = JSON.stringify(reply.json);
    res.writeHead(reply.status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
    });
    res.end(body);
  } else if ("text" in reply) {
    res.writeHead(reply.status, {
      "content-type": reply.contentType,
      "content-length": Buffer.byteLength(reply.text),
    });
    res.end(reply.text);
  } else {
    res.writeHead(reply.status);
    res.end();
  }
}

/** A fault that lets the request through and answers it late. */
function isLate(fault: unknown): fault is { lateMs: number } {
  return typeof fault === "object" && fault !== null && "lateMs" in fault;
}
