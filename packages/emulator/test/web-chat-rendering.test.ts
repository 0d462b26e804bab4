/**
 * PresentationML rendered in the web chat: the upstream MessageML examples (sent by a bot through the
 * emulator's translator) all render; text styles, headings, lists, tables, code, chips, images, cards
 * and expandable cards show as what they are; ui-action buttons open the message's dialogs.
 */
import { readdirSync } from "node:fs";
import { hasShared, readShared, sharedPath } from "@sprig/shared-data";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devJson } from "./support/scripted-client.ts";
import { chromiumMissing, screenshot } from "./support/web-browser.ts";
import { startWebChatPod, type WebChatPod } from "./support/web-chat-pod.ts";

const PIXEL =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const RICH = `<messageML><h2>Release 2.0</h2><p>Plain, <b>bold</b>, <i>italic</i> and a <a href="https://example.com/notes">link</a>.</p>
<ul><li>first</li><li>second</li></ul><ol><li>one</li></ol>
<table><thead><tr><th>Item</th><th>State</th></tr></thead><tbody><tr><td>Docs</td><td>done</td></tr></tbody></table>
<code language="typescript">const answer = 42;</code>
<p><hash tag="launch"/> <cash tag="ACME"/> <emoji shortcode="rocket"/> <img src="${PIXEL}"/></p>
<card accent="tempo-bg-color--green"><header>Card title</header><body>Card text</body></card>
<expandable-card state="collapsed"><header>Details header</header><body>Hidden details</body></expandable-card></messageML>`;

const skip = chromiumMissing() ?? (hasShared() ? undefined : "no ../shared");

describe.skipIf(skip)("web chat: PresentationML rendering", () => {
  let chat: WebChatPod;
  let page: Page;
  const refused: string[] = [];

  beforeAll(async () => {
    chat = await startWebChatPod();
    const examples = sharedPath("messageml-examples", "examples");
    for (const file of readdirSync(examples).filter((f) => f.endsWith(".xml"))) {
      const messageML = readShared("messageml-examples", "examples", file).replace(/^<\?xml[^>]*>/, "");
      const data =
        file === "complex.xml" ? readShared("messageml-examples", "examples", "complex.json") : undefined;
      // The examples name people and streams of another pod (unknown here): those are refused.
      await devJson(chat.pod.url, `/streams/${chat.team}/messages`, {
        as: chat.bot.account.id,
        messageML,
        data,
      }).catch(() => refused.push(file));
    }
    await devJson(chat.pod.url, `/streams/${chat.team}/messages`, {
      as: chat.bot.account.id,
      messageML: RICH,
    });
    page = await chat.openAs("alice", chat.team);
    await page.getByRole("heading", { name: "Release 2.0" }).waitFor();
  }, 60_000);
  afterAll(() => chat?.close());

  it("renders every upstream example the pod accepts, none failing", async () => {
    expect(refused.length).toBeLessThanOrEqual(3);
    expect(await page.getByRole("article").count()).toBe(16 - refused.length + 1);
    expect(await page.locator(".render-error").count()).toBe(0);
  });

  it("shows text styles, headings, lists, tables, code, chips, images and cards as what they are", async () => {
    const rich = page.getByRole("article").filter({ hasText: "Release 2.0" });
    await rich.scrollIntoViewIfNeeded();
    await screenshot(page, "rich-message");
    expect(await rich.locator("b").textContent()).toBe("bold");
    expect(await rich.locator("i").first().textContent()).toBe("italic");
    expect(await rich.getByRole("link", { name: "link" }).getAttribute("href")).toBe(
      "https://example.com/notes",
    );
    expect(await rich.getByRole("listitem").allTextContents()).toEqual(["first", "second", "one"]);
    const table = rich.getByRole("table");
    expect(await table.getByRole("columnheader").allTextContents()).toEqual(["Item", "State"]);
    expect(await table.getByRole("cell").allTextContents()).toEqual(["Docs", "done"]);
    expect(await rich.locator("code").textContent()).toBe("const answer = 42;");
    expect(await rich.locator(".chip.hashtag").textContent()).toBe("#launch");
    expect(await rich.locator(".chip.cashtag").textContent()).toBe("$ACME");
    expect(await rich.locator(".emoji").textContent()).toBe("🚀");
    expect(
      await rich.locator("img").evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBe(1);
    expect(await rich.locator(".card-header").first().textContent()).toBe("Card title");
    // The accent colours the card's edge (tempo-bg-color--green: longer than 20 characters).
    expect(await rich.locator("section.card").getAttribute("data-accent")).toBe("tempo-bg-color--green");
  });

  it("opens and closes an expandable card with a click or the keyboard", async () => {
    const card = page.getByRole("article").filter({ hasText: "Release 2.0" }).locator("details");
    const hidden = card.getByText("Hidden details");
    expect(await hidden.isVisible()).toBe(false);
    await card.getByText("Details header").click();
    expect(await hidden.isVisible()).toBe(true);
    await card.locator("summary").press("Enter");
    expect(await hidden.isVisible()).toBe(false);
  });

  it("opens a message's dialog from its ui-action button, and closes it", async () => {
    const opener = page.getByRole("button", { name: "Open the dialog containing the form" });
    await opener.scrollIntoViewIfNeeded();
    await opener.click();
    const dialog = page.getByRole("dialog", { name: "This is a title" });
    await dialog.waitFor();
    expect(
      await dialog
        .getByLabel("This is an interactive Element in the form which is contained in the dialog")
        .isVisible(),
    ).toBe(true);
    await screenshot(page, "elements-dialog");
    await dialog.getByRole("button", { name: "Close", exact: true }).click();
    await dialog.waitFor({ state: "hidden" });
  });
});
