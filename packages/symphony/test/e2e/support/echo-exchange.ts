/**
 * People talk to an echo bot in their 1:1s; afterwards, every message must have exactly one
 * answer. Used by the fault tests: the answers are counted in the pod itself, after the bot has
 * had the time to (wrongly) answer twice — a redelivery comes after the visibility timeout.
 */
import { createBot, toPlainText } from "@sprig/core";
import type { PodMessage } from "./dev-api.ts";
import { BOT_ID, type TestPod } from "./test-pod.ts";

export function echoBot() {
  const bot = createBot({ help: false });
  bot.fallback(({ message }) => `echo: ${toPlainText(message)}`);
  return bot;
}

export interface Exchange {
  /** Person message text → how many echoes the bot posted for it. */
  readonly answers: ReadonlyMap<string, number>;
}

const textOf = (m: PodMessage) =>
  m.message
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .trim();

export class EchoCounter {
  readonly #ims = new Map<string, string>();
  readonly #sent: Array<{ stream: string; text: string }> = [];

  constructor(private readonly pod: TestPod) {}

  /** `counted: false` for a message that gets no echo (a command): left out of the counts. */
  async say(person: string, text: string, { counted = true } = {}): Promise<void> {
    const id = this.pod.personId(person);
    let stream = this.#ims.get(person);
    if (!stream) {
      stream = await this.pod.dev.createIm([id, BOT_ID]);
      this.#ims.set(person, stream);
    }
    if (counted) this.#sent.push({ stream, text });
    await this.pod.dev.postText(stream, id, text);
  }

  /**
   * Says "probe N" until one is answered: the bot reads its feed again. Probes are not counted
   * (one said while the bot had no feed may be lost with that feed).
   */
  async probe(person: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (let n = 0; Date.now() < deadline; n++) {
      const text = `probe ${n}`;
      await this.say(person, text, { counted: false });
      const stream = this.#ims.get(person)!;
      const until = Date.now() + 500;
      while (Date.now() < until) {
        const messages = await this.pod.dev.messages(stream);
        if (messages.some((m) => m.user.userId === BOT_ID && textOf(m) === `echo: ${text}`)) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
    throw new Error("The bot answered no probe: it does not read its datafeed.");
  }

  /** Echo count per sent text, as the pod holds them now. */
  async answers(): Promise<Map<string, number>> {
    const counts = new Map(this.#sent.map((s) => [s.text, 0]));
    for (const stream of new Set(this.#ims.values())) {
      for (const message of await this.pod.dev.messages(stream)) {
        if (message.user.userId !== BOT_ID) continue;
        const raw = textOf(message);
        // Answers to commands (an error reply) are not echoes; probes are not counted.
        if (!raw.startsWith("echo: ")) continue;
        const said = raw.slice("echo: ".length);
        if (said.startsWith("probe ")) continue;
        if (counts.has(said)) counts.set(said, counts.get(said)! + 1);
        else counts.set(`(unexpected) ${raw}`, 1);
      }
    }
    return counts;
  }

  /** Waits until every text has an answer (bounded), then `settleMs` more for late duplicates. */
  async settle(settleMs: number, timeoutMs = 20_000): Promise<Map<string, number>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const counts = await this.answers();
      if ([...counts.values()].every((n) => n >= 1) || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    return this.answers();
  }
}
