/**
 * Conversations in the web chat: older messages load page by page on scroll; room members with
 * owners marked, added and removed through the panel; files attached in the composer and downloaded
 * from the message; @ completion in a room offers its members and mentions the one chosen.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { at } from "./support/json-reading.ts";
import { devJson } from "./support/scripted-client.ts";
import { chromiumMissing, screenshot } from "./support/web-browser.ts";
import { PEOPLE, startWebChatPod, type WebChatPod } from "./support/web-chat-pod.ts";

const skip = chromiumMissing();

describe.skipIf(skip)("web chat: conversations", () => {
  let chat: WebChatPod;
  let page: Page;
  let history: string;

  beforeAll(async () => {
    chat = await startWebChatPod();
    history = (
      await devJson<{ streamId: string }>(chat.pod.url, "/rooms", {
        name: "History",
        creatorId: PEOPLE.alice.id,
        memberIds: [PEOPLE.bob.id],
        ownerIds: [PEOPLE.alice.id],
      })
    ).streamId;
    for (let i = 1; i <= 120; i++) {
      await devJson(chat.pod.url, `/streams/${history}/messages`, {
        as: i % 2 ? "alice" : "bob",
        text: `note ${i}`,
      });
    }
    page = await chat.openAs("alice", history);
  }, 60_000);
  afterAll(() => chat?.close());

  const notes = () =>
    page
      .getByRole("article")
      .evaluateAll((all) => all.map((a) => a.querySelector(".message-body")?.textContent));

  it("opens a room on its newest page and loads older pages as alice scrolls up, in order", async () => {
    await page.getByRole("article").filter({ hasText: "note 120" }).waitFor();
    const first = await notes();
    expect(first).toHaveLength(50);
    expect(first[0]).toBe("note 71");
    expect(first.at(-1)).toBe("note 120");
    for (let round = 0; round < 10 && (await page.getByRole("article").count()) < 120; round++) {
      await page.getByRole("log", { name: "Messages" }).evaluate((log) => {
        log.scrollTop = 0;
      });
      await page.waitForTimeout(200);
    }
    const all = await notes();
    expect(all).toEqual(Array.from({ length: 120 }, (_, i) => `note ${i + 1}`));
  });

  it("lists the room's members with the owner marked; adds and removes people through the panel", async () => {
    await page.getByRole("button", { name: "Members" }).click();
    const panel = page.getByRole("complementary", { name: "Members" });
    await panel.waitFor();
    const alice = panel.getByRole("listitem").filter({ hasText: "Alice Smith" });
    expect(await alice.textContent()).toContain("Owner");
    expect(await panel.getByRole("listitem").filter({ hasText: "Bob Builder" }).textContent()).not.toContain(
      "Owner",
    );
    await panel.getByLabel("Add a person").selectOption({ label: "Carol Jones" });
    await panel.getByRole("button", { name: "Add" }).click();
    await panel.getByRole("listitem").filter({ hasText: "Carol Jones" }).waitFor();
    await screenshot(page, "members-panel");
    const members = async () =>
      (
        (await (await fetch(`${chat.pod.url}/emulator/v1/users/carol/streams`)).json()) as Array<{
          id: string;
        }>
      ).some((s) => s.id === history);
    expect(await members()).toBe(true);
    await panel.getByRole("button", { name: "Remove Carol Jones" }).click();
    await expect.poll(() => panel.getByRole("listitem").filter({ hasText: "Carol Jones" }).count()).toBe(0);
    expect(await members()).toBe(false);
  });

  it("@ completion in a room offers its members and mentions the one chosen", async () => {
    await page.getByRole("link", { name: "Team" }).click();
    await page.getByRole("heading", { name: "Team" }).waitFor();
    const box = page.getByRole("textbox", { name: "Message" });
    await box.fill("@Bob");
    const options = page.getByRole("listbox").getByRole("option");
    await options.first().waitFor();
    expect(await options.allTextContents()).toEqual(["Bob Builder@bob"]);
    await screenshot(page, "mention-completion");
    await box.press("Tab");
    await box.pressSequentially("can you look?");
    await box.press("Enter");
    const sent = await chat.bot.next(
      (e) =>
        e.type === "MESSAGESENT" &&
        String(at(e.payload, "messageSent", "message", "message")).includes("look?"),
    );
    const data = JSON.parse(String(at(sent.payload, "messageSent", "message", "data"))) as Record<
      string,
      { type: string; id: Array<{ value: string }> }
    >;
    expect(Object.values(data)).toEqual([
      expect.objectContaining({
        type: "com.symphony.user.mention",
        id: [expect.objectContaining({ value: "1002" })],
      }),
    ]);
  });

  it("sends a file attached in the composer; the other person downloads the same bytes", async () => {
    const bytes = Buffer.from("report line 1\nreport line 2\n");
    await page
      .getByLabel("Attach files")
      .setInputFiles({ name: "report.txt", mimeType: "text/plain", buffer: bytes });
    await page.getByRole("list", { name: "Files to send" }).getByText("report.txt").waitFor();
    await page.getByRole("textbox", { name: "Message" }).fill("the report");
    await page.getByRole("button", { name: "Send" }).click();
    const bob = await chat.openAs("bob", chat.team);
    const link = bob
      .getByRole("article")
      .filter({ hasText: "the report" })
      .getByRole("link", { name: /report\.txt/ });
    const [download] = await Promise.all([bob.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe("report.txt");
    const path = await download.path();
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(path)).toEqual(bytes);
    await bob.context().close();
  });
});
