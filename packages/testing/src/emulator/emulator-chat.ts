/**
 * A bot end to end: a fresh emulated pod, the bot connected through `symphony(bot, …)` over
 * HTTP(S), and a `TestChat` on the emulator driver to talk to it as people.
 *
 *   const e2e = await emulatorChat(bot, { rooms: [{ name: "Team", members: ["alice", "bob"] }] });
 *   try { await e2e.chat.room("Team").as("alice").send("/new").expectWork(TodoList); }
 *   finally { await e2e.close(); }
 */
import type { Bot } from "@sprig/core";
import type { Logger, SecretRegistry, SymphonyBot, SymphonyOptions } from "@sprig/symphony";
import { silentLogger, symphony } from "@sprig/symphony";
import { TestChat } from "../test-chat.ts";
import { BotObserver } from "./bot-observer.ts";
import type { LiveEvents } from "./dev-api.ts";
import { BOT_ID, type EmulatedPod, type EmulatedPodOptions, startEmulatedPod } from "./emulated-pod.ts";
import { EmulatorDriver } from "./emulator-driver.ts";

export interface EmulatorChat {
  readonly chat: TestChat;
  readonly driver: EmulatorDriver;
  readonly pod: EmulatedPod;
  readonly running: SymphonyBot;
  readonly observer: BotObserver;
  readonly botEvents: LiveEvents;
  /** Stops the bot, then the pod (and removes its files). */
  close(): Promise<void>;
}

export interface EmulatorChatOptions extends EmulatedPodOptions {
  /** The adapter's logger: quiet by default; `"default"` lets the adapter make its own (stdout). */
  readonly logger?: Logger | "default";
  readonly secrets?: SecretRegistry;
  /** More adapter options (e.g. `clockSkewMs`, `stopGraceMs`). */
  readonly adapter?: Partial<SymphonyOptions>;
  /** How long to wait for the bot to finish with one action (default 10 s). */
  readonly timeoutMs?: number;
  /** The adapter's option: a press's answer of the pressed form's type replaces that message. */
  readonly updateFormInPlace?: boolean;
}

export async function emulatorChat(
  /** The bot, or how to make it once the pod is up (e.g. a bot given a room's stream id). */
  // biome-ignore lint/suspicious/noExplicitAny: any bot, whatever its services.
  botOrFactory: Bot<any> | ((pod: EmulatedPod) => Bot<any>),
  options: EmulatorChatOptions = {},
): Promise<EmulatorChat> {
  const pod = await startEmulatedPod(options);
  const bot = typeof botOrFactory === "function" ? botOrFactory(pod) : botOrFactory;
  const observer = new BotObserver(bot);
  const botEvents = await pod.dev.subscribe(BOT_ID);
  const running = symphony(bot, {
    config: pod.configPath,
    ...(options.logger === "default" ? {} : { logger: options.logger ?? silentLogger() }),
    ...(options.secrets ? { connection: { secrets: options.secrets } } : {}),
    ...(options.updateFormInPlace ? { updateFormInPlace: true } : {}),
    ...options.adapter,
  });
  try {
    await running.start();
  } catch (error) {
    botEvents.close();
    await pod.close();
    throw error;
  }
  const driver = new EmulatorDriver({
    pod,
    observer,
    works: bot.works,
    botEvents,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  return {
    chat: new TestChat(driver),
    driver,
    pod,
    running,
    observer,
    botEvents,
    close: async () => {
      await running.stop();
      botEvents.close();
      await pod.close();
    },
  };
}
