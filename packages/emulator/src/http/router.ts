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
  regex: RegExp;
  names: string[];
  handler: Handler;
}

export type RouteMatch =
  | { kind: "found"; handler: Handler; params: Record<string, string> }
  | { kind: "wrong-method"; allowed: string[] }
  | { kind: "none" };

/** Method + path table; `:name` matches one path segment. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    const names: string[] = [];
    const source = pattern
      .split("/")
      .map((segment) => {
        if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        names.push(segment.slice(1));
        return "([^/]+)";
      })
      .join("/");
    this.routes.push({ method, pattern, regex: new RegExp(`^${source}$`), names, handler });
    return this;
  }

  /** Every route, as added: what the pod serves (the conformance count reads it). */
  table(): Array<{ method: string; path: string }> {
    return this.routes.map(({ method, pattern }) => ({ method, path: pattern }));
  }

  match(method: string, path: string): RouteMatch {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const found = route.regex.exec(path);
      if (!found) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = safeDecode(found[i + 1] ?? "");
      });
      return { kind: "found", handler: route.handler, params };
    }
    return allowed.length > 0 ? { kind: "wrong-method", allowed } : { kind: "none" };
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
