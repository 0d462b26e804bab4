/**
 * A bot end to end: a fresh emulated pod, the bot connected through `symphony(bot, …)` over
 * HTTP(S), and a `TestChat` on the emulator driver to talk to it as people.
 */
import type { Bot } from "@sprig/core";
import { TestChat } from "@sprig/testing";
import type { Logger, SecretRegistry, SymphonyBot } from "../../../src/index.ts";
import { silentLogger, symphony } from "../../../src/index.ts";
import { BotObserver } from "./bot-observer.ts";
import type { LiveEvents } from "./dev-api.ts";
import { EmulatorDriver } from "./emulator-driver.ts";
import { BOT_ID, startTestPod, type TestPod, type TestPodOptions } from "./test-pod.ts";

export interface E2eChat {
  readonly chat: TestChat;
  readonly driver: EmulatorDriver;
  readonly pod: TestPod;
  readonly running: SymphonyBot;
  readonly observer: BotObserver;
  readonly botEvents: LiveEvents;
  close(): Promise<void>;
}

export const TEAM = { name: "Team", members: ["alice", "bob"], owners: ["alice"] } as const;

export async function startE2eChat(
  /** The bot, or how to make it once the pod is up (a bot configured with a room's id). */
  // biome-ignore lint/suspicious/noExplicitAny: any bot, whatever its services.
  botOrFactory: Bot<any> | ((pod: TestPod) => Bot<any>),
  /** `logger: "default"`: none is given, the adapter makes its own (stdout), as in the README. */
  options: TestPodOptions & {
    logger?: Logger | "default";
    secrets?: SecretRegistry;
    updateFormInPlace?: boolean;
  } = {},
): Promise<E2eChat> {
  const pod = await startTestPod({ rooms: [TEAM], ...options });
  const bot = typeof botOrFactory === "function" ? botOrFactory(pod) : botOrFactory;
  const observer = new BotObserver(bot);
  const botEvents = await pod.dev.subscribe(BOT_ID);
  const running = symphony(bot, {
    config: pod.configPath,
    ...(options.logger === "default" ? {} : { logger: options.logger ?? silentLogger() }),
    ...(options.secrets ? { connection: { secrets: options.secrets } } : {}),
    ...(options.updateFormInPlace ? { updateFormInPlace: true } : {}),
  });
  try {
    await running.start();
  } catch (error) {
    botEvents.close();
    await pod.close();
    throw error;
  }
  const driver = new EmulatorDriver({ pod, observer, works: bot.works, botEvents });
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
