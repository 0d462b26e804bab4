/**
 * A bot's forms in the web chat: a pod whose bot answers alice's message with the form of the
 * first trigger it contains, alice's page open on her 1:1 with the bot, and the helpers to talk
 * there and pick the form's SYMPHONYELEMENTSACTION events out of the bot's feed.
 */
import type { Page } from "playwright-core";
import { at } from "./json-reading.ts";
import { startWebChatPod, type WebChatPod } from "./web-chat-pod.ts";
import type { WireEvent } from "./wire-shapes.ts";

/** `forms`: trigger text → the MessageML the bot sends when a message contains it. */
export async function openFormPage(
  forms: Readonly<Record<string, string>>,
): Promise<{ chat: WebChatPod; page: Page }> {
  const chat = await startWebChatPod(async (event, bot) => {
    if (event.type !== "MESSAGESENT") return;
    const text = String(at(event.payload, "messageSent", "message", "message"));
    const streamId = String(at(event.payload, "messageSent", "message", "stream", "streamId"));
    for (const [trigger, form] of Object.entries(forms)) {
      if (text.includes(trigger)) await bot.send(streamId, form);
    }
  });
  return { chat, page: await chat.openAs("alice", chat.im) };
}

/** Types `text` in the page's message box and sends it. */
export async function say(page: Page, text: string): Promise<void> {
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(text);
  await box.press("Enter");
}

/** Picks the submissions of the form `formId` out of the bot's feed. */
export const actionsOf = (formId: string) => (e: WireEvent) =>
  e.type === "SYMPHONYELEMENTSACTION" && at(e.payload, "symphonyElementsAction", "formId") === formId;
