import diagnostics from "node:diagnostics_channel";
import type { CapturedRequest } from "./request-check.ts";

/** What undici publishes on `undici:request:create` (the parts read here). */
interface UndiciRequest {
  readonly method: string;
  readonly origin: string | URL;
  readonly path: string;
  /** Flat: name, value, name, value… */
  readonly headers: ReadonlyArray<string | string[]>;
  readonly body: unknown;
}

export interface RequestRecorder {
  /** Every request recorded so far, in the order they were made. */
  readonly requests: readonly CapturedRequest[];
  stop(): void;
}

/**
 * Records, in this process, every request undici makes — the adapter's REST client is one of its
 * users — with headers and body as handed to the wire. `keep` chooses which (the dev API of the
 * emulator, say, is not the adapter's). The body is recorded when it is bytes or text; a streamed
 * body is recorded as unreadable, so a check of it fails instead of passing unseen.
 */
export function recordRequests(keep: (origin: string, path: string) => boolean): RequestRecorder {
  const requests: CapturedRequest[] = [];
  const onCreate = (message: unknown) => {
    const request = (message as { request: UndiciRequest }).request;
    const origin = String(request.origin);
    if (!keep(origin, request.path)) return;
    const body = bodyBytes(request.body);
    requests.push({
      method: request.method,
      path: request.path,
      headers: pairs(request.headers),
      ...(body === undefined ? {} : { body }),
    });
  };
  diagnostics.subscribe("undici:request:create", onCreate);
  return {
    requests,
    stop: () => diagnostics.unsubscribe("undici:request:create", onCreate),
  };
}

function pairs(flat: UndiciRequest["headers"]): Array<[string, string]> {
  const result: Array<[string, string]> = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const value = flat[i + 1]!;
    result.push([String(flat[i]), Array.isArray(value) ? value.join(", ") : String(value)]);
  }
  return result;
}

function bodyBytes(body: unknown): Buffer | undefined {
  if (body === null || body === undefined) return undefined;
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return Buffer.from(`(unreadable body: ${Object.prototype.toString.call(body)})`);
}
