/**
 * `npm start`: the emulator with the default seed, and the todo bot connected to it through the
 * Symphony adapter over HTTP — a config file, a key pair, login, datafeed — as against a real pod.
 */
import { resolve } from "node:path";
import { type Emulator, startEmulator } from "@sprig/emulator";
import { createLogger, type SymphonyBot, symphony, templateCommand } from "@sprig/symphony";
import { createTodoBot } from "../todo-bot.ts";
import { writeBotConfig } from "./bot-config.ts";
import { ensureBotKeys, readPublicKey } from "./bot-keys.ts";
import { BOT_USERNAME, defaultSeed } from "./default-seed.ts";

export interface LocalRunOptions {
  /** The emulator's port; 0 lets the OS choose. */
  readonly port: number;
  /** Where the key pair and config live (git-ignored `.sprig/`). */
  readonly dir: string;
  /** Adapter logs (JSON lines, secrets blanked); standard error by default. */
  readonly logTo?: { write(line: string): unknown };
  readonly logLevel?: string;
}

export interface LocalRun {
  readonly emulator: Emulator;
  readonly bot: SymphonyBot;
  /** Stops the datafeed (last batch acknowledged), then closes the emulator. */
  stop(): Promise<void>;
}

export async function runLocal(options: LocalRunOptions): Promise<LocalRun> {
  const dir = resolve(options.dir);
  const keys = ensureBotKeys(dir, BOT_USERNAME);
  const emulator = await startEmulator({ port: options.port, seed: defaultSeed(readPublicKey(keys)) });
  const configPath = writeBotConfig(dir, new URL(emulator.url), BOT_USERNAME, keys);
  const todo = createTodoBot();
  // Seed 003, "Customizing Templates": `/template todo-list edit` answers with the generated
  // Symphony template as a .ftl file, the starting point of a custom one. Symphony-only, so it is
  // added here rather than in the platform-neutral bot.
  const template = templateCommand(todo.works);
  todo.command(template.pattern, template.options, template.handler);
  const bot = symphony(todo, {
    config: configPath,
    logger: createLogger({ destination: options.logTo ?? process.stderr, level: options.logLevel ?? "warn" }),
  });
  try {
    await bot.start();
  } catch (error) {
    await bot.stop().catch(() => undefined);
    await emulator.close();
    throw error;
  }
  return {
    emulator,
    bot,
    async stop() {
      await bot.stop();
      await emulator.close();
    },
  };
}
