import type { RequestContext } from "./request-context.ts";

/**
 * What a route returns: a JSON body, raw text, an empty status, or "handled" (it wrote the response, or
 * there is nobody left to answer). `undelivered` runs when the answer could not be written whole because
 * the client went away first, so whatever the answer handed out (a datafeed batch) can go back at once.
 */
export type Reply =
  | ((
      | { status: number; json: unknown }
      | { status: number; text: string; contentType: string }
      | { status: number }
    ) & {
      undelivered?: () => void;
    })
  | "handled";

export type Handler = (ctx: RequestContext) => Promise<Reply> | Reply;

interface Route {
  method: string;
  pattern: string;
  /** The pattern split at "/": a literal segment, or undefined where a `:name` takes any one segment. */
  segments: Array<string | undefined>;
  names: string[];
  handler: Handler;
}

export type RouteMatch =
  | { kind: "found"; handler: Handler; params: Record<string, string> }
  | { kind: "wrong-method"; allowed: string[] }
  | { kind: "none" };

const NO_ROUTE: RouteMatch = { kind: "none" };

/**
 * Method + path table; `:name` matches one path segment; the first route added that matches wins.
 * Paths are compared segment by segment among the routes of the same length (no regular expression
 * per route per request: matching ran through most of the table for every message created).
 */
export class Router {
  private readonly routes: Route[] = [];
  private readonly byLength = new Map<number, Route[]>();

  add(method: string, pattern: string, handler: Handler): this {
    const names: string[] = [];
    const segments = pattern.split("/").map((segment) => {
      if (!segment.startsWith(":")) return segment;
      names.push(segment.slice(1));
      return undefined;
    });
    const route: Route = { method, pattern, segments, names, handler };
    this.routes.push(route);
    const sameLength = this.byLength.get(segments.length);
    if (sameLength) sameLength.push(route);
    else this.byLength.set(segments.length, [route]);
    return this;
  }

  /** Every route, as added: what the pod serves (the conformance count reads it). */
  table(): Array<{ method: string; path: string }> {
    return this.routes.map(({ method, pattern }) => ({ method, path: pattern }));
  }

  match(method: string, path: string): RouteMatch {
    const segments = path.split("/");
    let allowed: string[] | undefined;
    for (const route of this.byLength.get(segments.length) ?? []) {
      if (!fits(route, segments)) continue;
      if (route.method !== method) {
        allowed ??= [];
        allowed.push(route.method);
        continue;
      }
      return { kind: "found", handler: route.handler, params: paramsOf(route, segments) };
    }
    return allowed ? { kind: "wrong-method", allowed } : NO_ROUTE;
  }
}

function fits(route: Route, segments: string[]): boolean {
  for (let i = 0; i < segments.length; i++) {
    const literal = route.segments[i];
    // A parameter takes any segment but an empty one.
    if (literal === undefined ? segments[i] === "" : literal !== segments[i]) return false;
  }
  return true;
}

function paramsOf(route: Route, segments: string[]): Record<string, string> {
  const params: Record<string, string> = {};
  let n = 0;
  for (let i = 0; i < segments.length; i++)
    if (route.segments[i] === undefined) params[route.names[n++]!] = safeDecode(segments[i]!);
  return params;
}

function safeDecode(segment: string): string {
  if (!segment.includes("%")) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
