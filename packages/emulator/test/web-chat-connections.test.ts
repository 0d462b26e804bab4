/**
 * A person of another company in the web chat: a 1:1 with someone on this pod is refused until they
 * are connected, and the "New chat" dialog offers to ask for the connection; the bot hears it
 * (CONNECTIONREQUESTED), accepts, and the chat then opens.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders, devJson } from "./support/scripted-client.ts";
import { chromiumMissing } from "./support/web-browser.ts";
import { startWebChatPod, type WebChatPod } from "./support/web-chat-pod.ts";

const skip = chromiumMissing();

describe.skipIf(skip)("web chat: an external person asks to connect", () => {
  let chat: WebChatPod;

  beforeAll(async () => {
    chat = await startWebChatPod();
    await devJson(chat.pod.url, "/users", { username: "xena", displayName: "Xena Outside", external: true });
  }, 60_000);
  afterAll(() => chat?.close());

  it("the refused chat offers a connection request; once the bot accepts, the chat opens", async () => {
    const page = await chat.openAs("xena");
    const users = (await (await fetch(`${chat.pod.url}/emulator/v1/users`)).json()) as Array<{
      id: number;
      displayName: string;
    }>;
    const botName = users.find((u) => u.id === chat.bot.account.id)!.displayName;
    const openChat = async () => {
      await page.getByRole("button", { name: "New chat" }).click();
      const dialog = page.getByRole("dialog", { name: "New chat" });
      await dialog.getByRole("button", { name: botName }).click();
      return dialog;
    };
    const dialog = await openChat();
    await expect.poll(() => dialog.getByRole("alert").textContent()).toContain("not connected");
    // Colleagues see no such offer; this one is for NOT_CONNECTED only.
    const ask = dialog.getByRole("button", { name: /^Ask .* to connect$/ });
    await ask.click();
    await expect.poll(() => dialog.getByRole("alert").textContent()).toContain("Connection request sent");
    expect(await ask.isHidden()).toBe(true);

    const requested = await chat.bot.next((e) => e.type === "CONNECTIONREQUESTED");
    expect(requested).toMatchObject({ initiator: { user: { username: "xena" } } });
    const xenaId = (requested.initiator as { user: { userId: number } }).user.userId;
    const accepted = await fetch(`${chat.pod.url}/pod/v1/connection/accept`, {
      method: "POST",
      headers: { ...authHeaders(chat.bot.session), "content-type": "application/json" },
      body: JSON.stringify({ userId: xenaId }),
    });
    expect(accepted.status).toBe(200);

    await dialog.getByRole("button", { name: "Cancel" }).click();
    await openChat();
    await page.getByRole("dialog", { name: "New chat" }).waitFor({ state: "detached" });
    // The chat opens as the dialog closes; its title follows once the conversation has loaded.
    await expect.poll(() => page.locator("#conversation-title").textContent()).toContain(botName);
  });
});
