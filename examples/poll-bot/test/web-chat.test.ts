/**
 * The poll bot through the web chat, as `npm start -- poll` runs it (emulator + bot over the Symphony
 * adapter), by clicking and typing only: alice starts a poll in "Team"; bob, in his own page, votes
 * by clicking; alice's page shows the count change without a reload; bob may not end the poll, alice
 * ends it with "End poll now" and the result table appears.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromiumMissing, launchChromium, screenshot, type WebBrowser } from "@sprig/emulator/web-browser";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalPod, startLocal } from "../../start/src/run-local.ts";

const skip = chromiumMissing();
const WAIT = { timeout: 15_000 };

async function inTeam(web: WebBrowser, url: string, as: string): Promise<Page> {
  const page = await web.open(`${url}/?as=${as}`);
  await page.getByRole("link", { name: "Team", exact: true }).click();
  await page.getByRole("heading", { name: "Team", level: 1 }).waitFor(WAIT);
  return page;
}

const say = async (page: Page, text: string) => {
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(text);
  await box.press("Enter");
};
/** The open poll as a page shows it: the message holding "End poll now". */
const thePoll = (page: Page) =>
  page
    .getByRole("article")
    .filter({ has: page.getByRole("button", { name: "End poll now" }) })
    .last();
/** A table row's cells, space-separated ("Sushi 1"). */
const cellsOf = async (row: Locator) =>
  (await row.locator("th, td").allTextContents()).map((cell) => cell.trim()).join(" ");
/** The "Votes so far" row of an option in the open poll. */
const votesFor = (page: Page, option: string) =>
  cellsOf(thePoll(page).getByRole("row", { name: new RegExp(`^${option}\\b`) }));

describe.skipIf(skip)("poll bot in the web chat", () => {
  const dir = mkdtempSync(join(tmpdir(), "sprig-webchat-poll-"));
  let local: LocalPod;
  let web: WebBrowser;
  let alice: Page;
  let bob: Page;

  beforeAll(async () => {
    local = await startLocal(dir, ["poll"]);
    web = await launchChromium();
    alice = await inTeam(web, local.url, "alice");
    bob = await inTeam(web, local.url, "bob");
  }, 60_000);
  afterAll(async () => {
    await web?.close();
    await local?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("alice starts a poll, bob's vote shows live on alice's page, alice ends it and sees the result", async () => {
    await say(alice, "/poll");
    const setup = alice.locator('form[data-form-id="poll-setup"]').last();
    await setup.waitFor(WAIT);
    await setup.getByRole("textbox", { name: "Question" }).fill("Lunch on Friday?");
    await setup.getByRole("textbox", { name: "Option 1" }).fill("Pizza");
    await setup.getByRole("textbox", { name: "Option 2" }).fill("Sushi");
    await setup.getByRole("button", { name: "Start" }).click();

    await thePoll(alice).waitFor(WAIT);
    expect(await votesFor(alice, "Sushi")).toBe("Sushi 0");

    // bob's page received the poll over its own live connection; he votes by clicking.
    await thePoll(bob).getByRole("button", { name: "Sushi" }).click();
    await expect.poll(() => votesFor(alice, "Sushi"), WAIT).toBe("Sushi 1");
    expect(await votesFor(alice, "Pizza")).toBe("Pizza 0");
    await screenshot(alice, "poll-live-count");

    // Only the author or a room owner may end it: bob's press is refused, the poll stays open.
    await thePoll(bob).getByRole("button", { name: "End poll now" }).click();
    await bob.getByText("Only the poll's author or a room owner can end it.").last().waitFor(WAIT);
    expect(await alice.getByRole("heading", { name: /^Result:/ }).count()).toBe(0);

    await thePoll(alice).getByRole("button", { name: "End poll now" }).click();
    const result = alice
      .getByRole("article")
      .filter({ has: alice.getByRole("heading", { name: "Result: Lunch on Friday?" }) });
    await result.waitFor(WAIT);
    const rows = await Promise.all((await result.getByRole("row").all()).map(cellsOf));
    expect(rows).toEqual(["Option Votes", "Pizza 0", "Sushi 1"]);
    await expect.poll(async () => (await result.textContent()) ?? "").toContain("1 vote in all.");
    await screenshot(alice, "poll-result");
  });
});
