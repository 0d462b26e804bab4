import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BotKeyFiles } from "./bot-keys.ts";

/**
 * A BDK-style config file for the bot, pointing at the emulator — the same file, with a real
 * pod's host and the service account's key, runs the bot against a real pod.
 */
export function writeBotConfig(dir: string, url: URL, username: string, keys: BotKeyFiles): string {
  const path = join(dir, `${username}.yaml`);
  const yaml = [
    "# Written by `npm start` for the local emulator; point host/port at a real pod to go live.",
    `scheme: ${url.protocol.replace(":", "")}`,
    `host: ${url.hostname}`,
    `port: ${url.port}`,
    "bot:",
    `  username: ${username}`,
    "  privateKey:",
    `    path: ${JSON.stringify(keys.privateKeyPath)}`,
    "datafeed:",
    "  version: v2",
    "",
  ].join("\n");
  writeFileSync(path, yaml);
  return path;
}
