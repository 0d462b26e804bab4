/**
 * A bot for browser tests that reads a real datafeed (v5, ackIds, long-poll) with its own key pair,
 * keeps every event it receives, and may answer messages through the agent REST API.
 */

import {
  type Account,
  authHeaders,
  createAccount,
  login,
  readFeed,
  rest,
  type Session,
  sendMessage,
} from "./scripted-client.ts";
import type { WireEvent } from "./wire-shapes.ts";

export interface FeedBot {
  account: Account;
  session: Session;
  /** Every event read from the datafeed so far, in order. */
  events: WireEvent[];
  /** Resolves with the first received event (past or future) that `match` accepts. */
  next(match: (event: WireEvent) => boolean, timeoutMs?: number): Promise<WireEvent>;
  send(streamId: string, messageML: string): Promise<{ messageId: string }>;
  /** An update in place, as the agent's update route does it (a new version replacing the old one). */
  update(streamId: string, messageId: string, messageML: string): Promise<{ messageId: string }>;
  suppress(messageId: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startFeedBot(
  base: string,
  username: string,
  answer?: (event: WireEvent, bot: FeedBot) => Promise<void> | void,
): Promise<FeedBot> {
  const account = await createAccount(base, username, true);
  const session = await login(base, account);
  const feed = (await (await rest(base, session, "POST", "/agent/v5/datafeeds", {})).json()) as {
    id: string;
  };
  const events: WireEvent[] = [];
  const answered = async (res: Response) => {
    const body = (await res.json()) as { messageId: string };
    if (!res.ok) throw new Error(`${username}: ${res.url} → ${res.status} ${JSON.stringify(body)}`);
    return body;
  };
  const waiters = new Set<{ match: (e: WireEvent) => boolean; resolve: (e: WireEvent) => void }>();
  let running = true;
  const bot: FeedBot = {
    account,
    session,
    events,
    next(match, timeoutMs = 10_000) {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve };
        waiters.add(waiter);
        setTimeout(() => {
          if (waiters.delete(waiter))
            reject(new Error(`${username} received no matching event in ${timeoutMs} ms`));
        }, timeoutMs);
      });
    },
    async send(streamId, messageML) {
      return answered(await sendMessage(base, session, streamId, messageML));
    },
    async update(streamId, messageId, messageML) {
      const form = new FormData();
      form.set("message", messageML);
      return answered(
        await fetch(`${base}/agent/v4/stream/${streamId}/message/${messageId}/update`, {
          method: "POST",
          headers: authHeaders(session),
          body: form,
        }),
      );
    },
    async suppress(messageId) {
      await answered(
        await rest(base, session, "POST", `/pod/v1/admin/messagesuppression/${messageId}/suppress`),
      );
    },
    async stop() {
      running = false;
      await loop;
    },
  };
  const loop = (async () => {
    let ackId = "";
    while (running) {
      const { status, body } = await readFeed(base, session, feed.id, ackId);
      if (status !== 200) throw new Error(`${username}'s datafeed read failed: ${status}`);
      ackId = body.ackId;
      for (const event of body.events ?? []) {
        events.push(event);
        for (const waiter of waiters) {
          if (waiter.match(event)) {
            waiters.delete(waiter);
            waiter.resolve(event);
          }
        }
        if (answer && event.initiator?.user?.userId !== account.id) await answer(event, bot);
      }
    }
  })();
  return bot;
}
