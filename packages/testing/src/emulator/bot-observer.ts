/**
 * Watches the bot from inside the test process, for what the wire cannot tell: when the bot has
 * finished with an action (and how: `HandleOutcome`), and the kind of each response it sent (an
 * error message looks like any other message on Symphony). What the bot SAID is always read back
 * from the emulator; this only tells the driver when to read and what it was meant to be.
 */
import type { Action, Bot, HandleOutcome, PlatformAdapter, Response } from "@sprig/core";
import { currentAction } from "@sprig/core";

export interface Handled {
  readonly action: Action;
  readonly outcome: HandleOutcome;
}

export class BotObserver {
  /** Every `bot.handle` that resolved, in order (duplicates included). */
  readonly handled: Handled[] = [];
  /** Every response the adapter delivered, with the action it answered. */
  readonly sent: Array<{ readonly action: Action | undefined; readonly response: Response }> = [];
  #waiters: Array<() => void> = [];

  // biome-ignore lint/suspicious/noExplicitAny: any bot, whatever its services.
  constructor(bot: Bot<any>) {
    const handle = bot.handle.bind(bot);
    bot.handle = async (action: Action) => {
      const outcome = await handle(action);
      this.handled.push({ action, outcome });
      for (const wake of this.#waiters.splice(0)) wake();
      return outcome;
    };
    const attach = bot.attach.bind(bot);
    bot.attach = (adapter: PlatformAdapter) => {
      const send = adapter.send.bind(adapter);
      (adapter as { send: PlatformAdapter["send"] }).send = async (response: Response) => {
        await send(response);
        this.sent.push({ action: currentAction(), response });
      };
      return attach(adapter);
    };
  }

  /** The first handled action (from `from` on) that matches and was not a duplicate. */
  async waitFor(match: (action: Action) => boolean, timeoutMs = 10_000, from = 0): Promise<Handled> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.handled.slice(from).find((h) => h.outcome.status !== "duplicate" && match(h.action));
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`The bot handled no matching action within ${timeoutMs} ms.`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The responses sent for this action, in order. */
  responsesTo(action: Action): Response[] {
    return this.sent.filter((s) => s.action?.eventId === action.eventId).map((s) => s.response);
  }
}
