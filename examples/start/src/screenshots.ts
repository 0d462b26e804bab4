/**
 * `npm run screenshots`: the README screenshots, taken from `npm start`'s own setup. For each bot, the
 * runner with that bot alone (so the picture shows that bot's messages only), Debian's Chromium as alice, the bot used as its README shows, and a 1280×800
 * PNG in `docs/`. Needs Chromium (`/usr/bin/chromium`, or SPRIG_CHROMIUM).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromiumMissing, launchChromium, type WebBrowser } from "@sprig/emulator/web-browser";
import type { Locator, Page } from "playwright-core";
import { startLocal } from "./run-local.ts";

const DOCS = new URL("../../../docs/", import.meta.url).pathname;
const WAIT = { timeout: 15_000 };

const say = async (page: Page, text: string) => {
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(text);
  await box.press("Enter");
};
const open = async (page: Page, conversation: string) => {
  await page.getByRole("link", { name: conversation, exact: true }).click();
  await page.getByRole("heading", { name: conversation, level: 1 }).waitFor(WAIT);
};
const latestFrom = (page: Page, bot: string): Locator =>
  page.getByRole("article", { name: new RegExp(`^${bot}`) }).last();

/** What each bot's screenshot shows, in alice's page (`other` opens another person's page). */
const SHOTS: Record<string, (page: Page, other: (as: string) => Promise<Page>) => Promise<Page>> = {
  async todo(page) {
    await open(page, "Team");
    await say(page, "/new");
    await latestFrom(page, "Todo Bot").getByRole("button", { name: "Add" }).click();
    const form = page.locator('form[data-form-id="todo-new-item"]').last();
    await form.getByRole("textbox", { name: /description/i }).fill("Book the team offsite");
    await form.getByRole("button", { name: "Add" }).click();
    await page.getByRole("article").filter({ hasText: "Added " }).waitFor(WAIT);
    await say(page, "/show");
    await latestFrom(page, "Todo Bot").getByText("Book the team offsite").waitFor(WAIT);
    return page;
  },
  async poll(page, other) {
    await open(page, "Team");
    await say(page, "/poll");
    const setup = latestFrom(page, "Poll Bot");
    await setup.getByRole("textbox", { name: "Question" }).waitFor(WAIT);
    await setup.getByRole("textbox", { name: "Question" }).fill("Where shall we have lunch on Friday?");
    await setup.getByRole("textbox", { name: "Option 1" }).fill("Pizza");
    await setup.getByRole("textbox", { name: "Option 2" }).fill("Sushi");
    await setup.getByRole("textbox", { name: "Option 3" }).fill("Tacos");
    await setup.getByRole("button", { name: "Start" }).click();
    await page.getByRole("button", { name: "Sushi" }).last().waitFor(WAIT);
    await page.getByRole("button", { name: "Sushi" }).last().click();
    const bob = await other("bob");
    await open(bob, "Team");
    await bob.getByRole("button", { name: "Sushi" }).last().click();
    await page.getByRole("article").filter({ hasText: /2/ }).last().waitFor(WAIT);
    await page.waitForTimeout(1_000);
    return page;
  },
  async claim(page) {
    await open(page, "Claim Bot");
    await say(page, "/open");
    const form = latestFrom(page, "Claim Bot");
    await form.getByRole("textbox", { name: "Description" }).waitFor(WAIT);
    await form.getByRole("textbox", { name: "Description" }).fill("Train to the Paris client meeting");
    await form.getByRole("textbox", { name: "Amount" }).fill("86.50");
    await form.getByRole("combobox", { name: "Currency" }).selectOption("EUR");
    await form.getByLabel("Date").fill("2026-12-03");
    await form.getByRole("button", { name: "Submit" }).click();
    await page.waitForTimeout(1_500);
    await open(page, "Claim Approval");
    await page.getByRole("button", { name: "Approve" }).last().waitFor(WAIT);
    return page;
  },
  async reminder(page) {
    await open(page, "Reminder Bot");
    await say(page, "Call Bob about the budget at 3pm tomorrow");
    await page.getByRole("button", { name: "Remind me" }).last().click();
    await page.waitForTimeout(1_500);
    return page;
  },
  async demo(page) {
    await open(page, "Demo Bot");
    await say(page, "/showcase");
    await page
      .getByRole("article", { name: /^Demo Bot/ })
      .nth(1)
      .waitFor(WAIT);
    await page.waitForTimeout(1_000);
    // The first of the two messages (the content one) is the one worth a picture.
    await page
      .getByRole("article", { name: /^Demo Bot/ })
      .first()
      .scrollIntoViewIfNeeded();
    return page;
  },
};

async function take(web: WebBrowser, bot: string, file: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `sprig-screenshots-${bot}-`));
  const local = await startLocal(dir, [bot]);
  try {
    const page = await web.open(`${local.url}/?as=alice`);
    const shown = await SHOTS[bot]!(page, (as) => web.open(`${local.url}/?as=${as}`));
    await shown.screenshot({ path: join(DOCS, file) });
    console.log(`docs/${file}`);
  } finally {
    await local.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const missing = chromiumMissing();
if (missing !== undefined) process.exit(1);
const only = process.argv.slice(2);
const web = await launchChromium();
try {
  for (const bot of Object.keys(SHOTS)) {
    if (only.length > 0 && !only.includes(bot)) continue;
    // The todo bot has no README picture of its own: its list is the root README's web chat.
    await take(web, bot, bot === "todo" ? "web-chat.png" : `${bot}-bot.png`);
  }
} finally {
  await web.close();
}
