/**
 * The todo bot through the web chat, as `npm start` runs it (emulator + bot over the Symphony
 * adapter), by clicking and typing only: /new, Add, fill the new-item form, submit, /show.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromiumMissing, launchChromium, screenshot, type WebBrowser } from "@sprig/emulator/web-browser";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalPod, startLocal } from "../../start/src/run-local.ts";

const skip = chromiumMissing();

describe.skipIf(skip)("todo bot in the web chat", () => {
  const dir = mkdtempSync(join(tmpdir(), "sprig-webchat-todo-"));
  let local: LocalPod;
  let web: WebBrowser;
  let page: Page;

  beforeAll(async () => {
    local = await startLocal(dir, ["todo"]);
    web = await launchChromium();
    page = await web.open(`${local.url}/?as=alice`);
    await page.getByRole("link", { name: "Todo Bot" }).click();
    await page.getByRole("heading", { name: "Todo Bot" }).waitFor();
  }, 60_000);
  afterAll(async () => {
    await web?.close();
    await local?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const say = async (text: string) => {
    const box = page.getByRole("textbox", { name: "Message" });
    await box.fill(text);
    await box.press("Enter");
  };
  const fromBot = () => page.getByRole("article", { name: /^Todo Bot/ });

  it("makes a list, adds an item through the form and shows it", async () => {
    await say("/new");
    await expect.poll(() => fromBot().count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const list = fromBot().last();
    await list.getByRole("button", { name: "Add" }).click();
    const form = page.locator('form[data-form-id="todo-new-item"]').last();
    await form.waitFor({ timeout: 10_000 });
    await screenshot(page, "todo-new-item-form");
    await form.getByRole("textbox", { name: /description/i }).fill("Buy milk");
    // The assignee defaults to alice; give the item to bob instead.
    await form.getByRole("button", { name: "Remove Alice Smith" }).click();
    const assignee = form.getByRole("combobox", { name: "Assign to" });
    await assignee.fill("Bob");
    await page
      .getByRole("listbox")
      .getByRole("option", { name: /Bob Jones/ })
      .click();
    await form.getByRole("button", { name: "Add" }).click();
    await page.getByRole("article").filter({ hasText: 'Added "Buy milk"' }).waitFor({ timeout: 10_000 });

    await say("/show");
    await expect
      .poll(async () => (await fromBot().last().textContent()) ?? "", { timeout: 10_000 })
      .toMatch(/Buy milk[\s\S]*Bob Jones|Bob Jones[\s\S]*Buy milk/);
    await screenshot(page, "todo-show");
  });
});
