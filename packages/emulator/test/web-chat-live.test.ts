/**
 * Two people in the web chat at once (alice and bob in their own browser contexts): what one sends
 * appears in the other's page without a reload; edits, suppressions, unread counts, membership changes
 * and new rooms arrive live too.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devJson } from "./support/scripted-client.ts";
import { chromiumMissing, screenshot } from "./support/web-browser.ts";
import { PEOPLE, startWebChatPod, type WebChatPod } from "./support/web-chat-pod.ts";

const skip = chromiumMissing();

describe.skipIf(skip)("web chat: live, two people", () => {
  let chat: WebChatPod;
  let alice: Page;
  let bob: Page;

  beforeAll(async () => {
    chat = await startWebChatPod();
    alice = await chat.openAs("alice", chat.team);
    bob = await chat.openAs("bob", chat.team);
  }, 30_000);
  afterAll(() => chat?.close());

  const say = async (page: Page, text: string) => {
    const box = page.getByRole("textbox", { name: "Message" });
    await box.fill(text);
    await box.press("Enter");
  };
  const articleWith = (page: Page, text: string) => page.getByRole("article").filter({ hasText: text });

  it("what bob sends appears in alice's page, and her answer in his, without a reload", async () => {
    await say(bob, "Hello from Bob");
    const seen = articleWith(alice, "Hello from Bob");
    await seen.waitFor();
    expect(await seen.getAttribute("aria-labelledby")).toBeTruthy();
    expect(await alice.getByRole("article", { name: /^Bob Builder/ }).count()).toBe(1);
    await say(alice, "Hi Bob!\nSecond line");
    await articleWith(bob, "Hi Bob!").waitFor();
    expect(await articleWith(bob, "Hi Bob!").locator("br").count()).toBe(1);
    await screenshot(alice, "live-alice");
    await screenshot(bob, "live-bob");
  });

  it("an update in place replaces the message where it stands; a suppressed one says so", async () => {
    const { messageId } = await chat.bot.send(chat.team, "<messageML>Build <b>running</b></messageML>");
    await articleWith(alice, "Build running").waitFor();
    const before = await alice.getByRole("article").count();
    const updated = await chat.bot.update(chat.team, messageId, "<messageML>Build <b>passed</b></messageML>");
    await articleWith(alice, "Build passed").waitFor();
    expect(await articleWith(alice, "Build running").count()).toBe(0);
    expect(await alice.getByRole("article").count()).toBe(before);
    expect(await articleWith(alice, "Build passed").textContent()).toContain("(edited)");
    await chat.bot.suppress(updated.messageId);
    await articleWith(alice, "This message was removed.").waitFor();
    expect(await articleWith(alice, "Build passed").count()).toBe(0);
  });

  it("alice edits and deletes her own message; bob sees both in place", async () => {
    await say(alice, "Lunch at noon");
    const mine = articleWith(alice, "Lunch at noon");
    await mine.waitFor();
    await articleWith(bob, "Lunch at noon").waitFor();
    expect(await articleWith(bob, "Lunch at noon").getByRole("button", { name: "Edit" }).count()).toBe(0);
    await mine.hover();
    await mine.getByRole("button", { name: "Edit" }).click();
    const editor = alice.getByRole("textbox", { name: "Edit message" });
    await editor.fill("Lunch at one");
    await editor.press("Enter");
    await articleWith(bob, "Lunch at one").waitFor();
    expect(await articleWith(bob, "Lunch at noon").count()).toBe(0);
    expect(await articleWith(bob, "Lunch at one").textContent()).toContain("(edited)");
    alice.once("dialog", (d) => void d.accept());
    const edited = articleWith(alice, "Lunch at one");
    await edited.hover();
    await edited.getByRole("button", { name: "Delete" }).click();
    await expect.poll(() => articleWith(bob, "Lunch at one").count()).toBe(0);
    expect(await bob.getByText("This message was removed.").count()).toBeGreaterThan(0);
  });

  it("counts unread messages of the other conversations in the sidebar", async () => {
    await chat.bot.send(chat.im, "<messageML>psst, alice</messageML>");
    const link = alice.getByRole("link", { name: "Form-bot Tester" });
    await expect.poll(() => link.getAttribute("aria-describedby"), { timeout: 5000 }).toBeTruthy();
    expect(await link.textContent()).toContain("1 unread");
    await link.click();
    await articleWith(alice, "psst, alice").waitFor();
    expect(await link.textContent()).not.toContain("unread");
    await alice.getByRole("link", { name: "Team" }).click();
  });

  it("a room alice creates in the UI appears in bob's sidebar; removed from a room, bob sees it go", async () => {
    await alice.getByRole("button", { name: "New room" }).click();
    const dialog = alice.getByRole("dialog", { name: "New room" });
    await dialog.getByLabel("Room name").fill("Launch");
    await dialog.getByLabel("Bob Builder").check();
    await screenshot(alice, "new-room-dialog");
    await dialog.getByRole("button", { name: "Create room" }).click();
    await alice.getByRole("heading", { name: "Launch" }).waitFor();
    await bob.getByRole("link", { name: "Launch" }).waitFor();

    await fetch(`${chat.pod.url}/emulator/v1/streams/${chat.team}/members/${PEOPLE.bob.id}`, {
      method: "DELETE",
    });
    await expect.poll(() => bob.getByRole("link", { name: "Team" }).count(), { timeout: 5000 }).toBe(0);
    await bob.getByText("You are no longer a member").waitFor();
    expect(await bob.getByRole("textbox", { name: "Message" }).isDisabled()).toBe(true);
    await devJson(chat.pod.url, `/streams/${chat.team}/members`, { userId: PEOPLE.bob.id, as: "alice" });
    await bob.getByRole("link", { name: "Team" }).waitFor();
  });
});
