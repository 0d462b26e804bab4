/**
 * The example bots `npm start` can run: each one's service account on the local pod and how to
 * make it. `npm start -- poll claim` runs only those (by short name).
 */

import { createClaimBot } from "@sprig/claim-bot";
import type { Bot, PlatformAdapter } from "@sprig/core";
import { createDemoBot } from "@sprig/demo-bot";
import { createPollBot } from "@sprig/poll-bot";
import { createReminderBot } from "@sprig/reminder-bot";
import { templateCommand } from "@sprig/symphony";
import { createTodoBot } from "@sprig/todo-bot";
import { CLAIM_APPROVAL_ROOM } from "./seed.ts";

/** A running bot's extra lifecycle (a scheduler), started once its adapter is connected. */
export interface BotRuntime {
  // biome-ignore lint/suspicious/noExplicitAny: any bot, whatever its services.
  readonly bot: Bot<any>;
  /** Called once the datafeed is open (e.g. to read state back from history and arm timers). */
  readonly started?: (adapter: PlatformAdapter) => Promise<void> | void;
  /** Called before the adapter stops. */
  readonly stopping?: () => Promise<void> | void;
  /** A press's answer of the pressed form's type replaces that message (Symphony's option). */
  readonly updateFormInPlace?: boolean;
}

/** What a bot may need from the pod it runs on, known once the pod is up. */
export interface PodFacts {
  /** A room's stream id, by name (as a real deployment's config would give it). */
  readonly roomId: (name: string) => string;
  /** The pod's base URL (the emulator also serves a few pictures under `/app/`). */
  readonly url: string;
}

export interface BotEntry {
  /** The short name on the command line: `npm start -- todo`. */
  readonly name: string;
  /** The service account's username on the pod (and the key / config file names). */
  readonly username: string;
  readonly id: number;
  readonly displayName: string;
  readonly create: (pod: PodFacts) => BotRuntime;
}

export const BOTS: readonly BotEntry[] = [
  {
    name: "todo",
    username: "todo-bot",
    id: 9001,
    displayName: "Todo Bot",
    create: () => {
      const bot = createTodoBot();
      // `/template todo-list edit` answers with the generated Symphony template (a .ftl file), the
      // starting point of a custom one. Symphony's own, so it is added here, not in the neutral bot.
      const template = templateCommand(bot.works);
      bot.command(template.pattern, template.options, template.handler);
      return { bot };
    },
  },
  {
    name: "poll",
    username: "poll-bot",
    id: 9002,
    displayName: "Poll Bot",
    // The counts change in place: a vote's updated poll replaces the poll message.
    create: () => ({ ...createPollBot(), updateFormInPlace: true }),
  },
  {
    name: "claim",
    username: "claim-bot",
    id: 9003,
    displayName: "Claim Bot",
    // By id: a room that merely has the same name can approve nothing.
    create: (pod) => ({ bot: createClaimBot({ approvalRoomId: pod.roomId(CLAIM_APPROVAL_ROOM) }) }),
  },
  {
    name: "reminder",
    username: "reminder-bot",
    id: 9004,
    displayName: "Reminder Bot",
    // started() reads the rooms' pending reminders back from history and arms them.
    create: () => createReminderBot(),
  },
  {
    name: "demo",
    username: "demo-bot",
    id: 9005,
    displayName: "Demo Bot",
    // The showcase's picture: the leaf the local pod serves (a pod takes only http(s) images).
    create: (pod) => ({ bot: createDemoBot({ pictureUrl: new URL("/app/sprig-leaf.svg", pod.url).href }) }),
  },
];

export function botsNamed(names: readonly string[]): BotEntry[] {
  if (names.length === 0) return [...BOTS];
  return names.map((name) => {
    const entry = BOTS.find((b) => b.name === name || b.username === name);
    if (!entry) {
      throw new Error(`There is no bot "${name}". Choose from: ${BOTS.map((b) => b.name).join(", ")}.`);
    }
    return entry;
  });
}
