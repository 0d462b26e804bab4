/**
 * Debian's Chromium driven by playwright-core, for the web chat's browser tests and benchmark.
 * Never a downloaded browser build. Where no Chromium is installed, browser tests skip with a visible
 * message; under CI=true they fail instead (CI installs the `chromium` package).
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.SPRIG_CHROMIUM ?? "/usr/bin/chromium";

/** Why browser tests cannot run here, or undefined when they can. Throws under CI=true. */
export function chromiumMissing(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  const message = `Chromium not found at ${CHROMIUM_PATH} (install Debian's "chromium" package): web chat browser tests skipped`;
  if (process.env.CI === "true") throw new Error(message.replace("skipped", "cannot run under CI"));
  process.stderr.write(`\n[skip] ${message}\n`);
  return message;
}

export interface WebBrowser {
  browser: Browser;
  /**
   * A fresh page (its own context: cookies, storage) at `url`. `bypassCSP` switches off the page's
   * content security policy, so a test of the renderer proves the renderer, not the policy.
   */
  open(url: string, options?: { bypassCSP?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Headless Chromium, nothing reaching out to the network by itself. playwright-core launches it with
 * a fresh temporary --user-data-dir of its own (and removes it on close).
 */
export async function launchChromium(): Promise<WebBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  return {
    browser,
    async open(url, options = {}) {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        bypassCSP: options.bypassCSP ?? false,
      });
      const page = await context.newPage();
      await page.goto(url);
      return page;
    },
    async close() {
      await browser.close();
    },
  };
}

/** Screenshots for people to look at: `.sprig/screenshots/<name>.png` (git-ignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = new URL("../../../../.sprig/screenshots/", import.meta.url);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir.pathname, `${name}.png`) });
}
