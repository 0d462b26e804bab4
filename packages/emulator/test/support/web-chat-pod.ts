/** A pod with people, a room and a feed-reading bot, and Chromium to open the web chat on it. */
import type { Page } from "playwright-core";
import { type Emulator, startEmulator } from "../../src/index.ts";
import { type FeedBot, startFeedBot } from "./feed-bot.ts";
import { devJson } from "./scripted-client.ts";
import { launchChromium, type WebBrowser } from "./web-browser.ts";
import type { WireEvent } from "./wire-shapes.ts";

export const PEOPLE = {
  alice: { id: 1001, displayName: "Alice Smith" },
  bob: { id: 1002, displayName: "Bob Builder" },
  carol: { id: 1003, displayName: "Carol Jones" },
};

export interface WebChatPod {
  pod: Emulator;
  web: WebBrowser;
  bot: FeedBot;
  team: string;
  /** The 1:1 of alice and the bot. */
  im: string;
  /** The web chat as `username`, opened on `streamId` (or its first conversation). */
  openAs(username: string, streamId?: string, options?: { bypassCSP?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

export async function startWebChatPod(
  answer?: (event: WireEvent, bot: FeedBot) => Promise<void> | void,
): Promise<WebChatPod> {
  const pod = await startEmulator({
    port: 0,
    datafeed: { longPollMs: 200 },
    seed: {
      users: Object.entries(PEOPLE).map(([username, p]) => ({
        username,
        ...p,
        email: `${username}@example.com`,
      })),
      rooms: [{ name: "Team", creator: "alice", members: ["bob", "carol"], owners: ["alice"] }],
    },
  });
  const bot = await startFeedBot(pod.url, "form-bot", answer);
  const streams = await (await fetch(`${pod.url}/emulator/v1/users/alice/streams`)).json();
  const team = (streams as Array<{ id: string; roomAttributes?: { name: string } }>).find(
    (s) => s.roomAttributes?.name === "Team",
  )!.id;
  await devJson(pod.url, `/streams/${team}/members`, { userId: bot.account.id, as: "alice" });
  const im = (
    await devJson<{ streamId: string }>(pod.url, "/ims", { userIds: [PEOPLE.alice.id, bot.account.id] })
  ).streamId;
  const web = await launchChromium();
  return {
    pod,
    web,
    bot,
    team,
    im,
    async openAs(username, streamId, options) {
      const query = `?as=${username}${streamId ? `&stream=${encodeURIComponent(streamId)}` : ""}`;
      const page = await web.open(`${pod.url}/${query}`, options);
      await page.getByRole("log", { name: "Messages" }).waitFor();
      return page;
    },
    async close() {
      await web.close();
      await bot.stop();
      await pod.close();
    },
  };
}
