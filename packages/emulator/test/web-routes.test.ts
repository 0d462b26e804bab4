import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../src/index.ts";

let pod: Emulator;
beforeAll(async () => {
  pod = await startEmulator({ port: 0 });
});
afterAll(() => pod.close());

describe("web chat files", () => {
  it("serves the page at / with a content security policy that allows only the app's own scripts", async () => {
    const res = await fetch(`${pod.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const policy = res.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.text()).toContain('<script type="module" src="/app/main.js">');
  });

  it("serves modules and the stylesheet under /app/ with their content types", async () => {
    const js = await fetch(`${pod.url}/app/main.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    const css = await fetch(`${pod.url}/app/style.css`);
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
  });

  it("serves @sprig/messageml's Java regex translation to the page as JavaScript (types stripped, one module)", async () => {
    const res = await fetch(`${pod.url}/app/java-regex.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    const code = await res.text();
    expect(code).toMatch(/export\s*\{[^}]*compileJavaRegex/);
    expect(code).not.toMatch(/^import /m);
    expect(code).not.toContain("readonly kind"); // TypeScript gone
  });

  it("lets the browser keep a copy it revalidates: no-cache + ETag, 304 when unchanged", async () => {
    const first = await fetch(`${pod.url}/app/dom.js`);
    expect(first.headers.get("cache-control")).toBe("no-cache");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^".+"$/);
    const again = await fetch(`${pod.url}/app/dom.js`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it.each([
    "/app/..%2Fpackage.json",
    "/app/%2e%2e%2fsrc%2findex.ts",
    "/app/..%5Cpackage.json",
    "/app/index.html",
    "/app/nothing-here.js",
    "/app/.hidden.js",
    "/app/README.md",
  ])("refuses %s with 404: nothing outside the app's files, nothing but its asset types", async (path) => {
    const res = await fetch(`${pod.url}${path}`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: number }).code).toBe(404);
  });

  it("answers only GET", async () => {
    const res = await fetch(`${pod.url}/app/main.js`, { method: "POST" });
    expect(res.status).toBe(405);
  });
});
