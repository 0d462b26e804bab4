import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { notFound } from "../http/api-error.ts";
import type { RequestContext } from "../http/request-context.ts";
import type { Reply, Router } from "../http/router.ts";
import { sharedModule } from "./shared-modules.ts";

/** The web chat's static files: `packages/emulator/web/`, one flat folder of ES modules, CSS and the page. */
const WEB_DIR = fileURLToPath(new URL("../../web/", import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  svg: "image/svg+xml",
};

/**
 * The page may load only the app's own files; message content is built as DOM by the app, and this
 * policy is the second wall should anything slip through: no inline script, no plugins, no framing.
 * Images may come from anywhere a message points (http/https/data), as in the Symphony client.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' http: https: data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** A file name of the app: a plain name with an extension we serve; nothing that could leave the folder. */
const ASSET_NAME = /^[a-z0-9][a-z0-9-]*\.(js|css|svg)$/;

/** `/` is the chat page, `/app/<file>` its modules (some built from the packages' code) and stylesheet. */
export function registerWebRoutes(router: Router): void {
  router.add("GET", "/", (ctx) => serve(ctx, "index.html"));
  router.add("GET", "/app/:file", (ctx) => {
    const file = ctx.params.file ?? "";
    if (!ASSET_NAME.test(file)) throw missing(ctx.path);
    return serve(ctx, file);
  });
}

async function serve(ctx: RequestContext, file: string): Promise<Reply> {
  const text = await (sharedModule(file) ?? readWebFile(ctx, file));
  const etag = `"${createHash("sha1").update(text).digest("base64url")}"`;
  const res = ctx.res;
  // No build step, so no hashed names: the browser keeps a copy but asks each time (a cheap 304).
  res.setHeader("cache-control", "no-cache");
  res.setHeader("etag", etag);
  res.setHeader("x-content-type-options", "nosniff");
  if (file.endsWith(".html")) {
    res.setHeader("content-security-policy", CONTENT_SECURITY_POLICY);
    res.setHeader("referrer-policy", "no-referrer");
  }
  if (ctx.header("if-none-match") === etag) return { status: 304 };
  const extension = file.slice(file.lastIndexOf(".") + 1);
  return { status: 200, text, contentType: CONTENT_TYPES[extension] ?? "application/octet-stream" };
}

async function readWebFile(ctx: RequestContext, file: string): Promise<string> {
  try {
    return await readFile(WEB_DIR + file, "utf8");
  } catch {
    throw missing(ctx.path);
  }
}

const missing = (path: string) => notFound(`No web chat file at ${path}`);
