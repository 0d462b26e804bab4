/**
 * `testChat(bot)`: the bot on an in-memory platform, and conversations to drive it.
 *
 *   const chat = testChat(bot);
 *   const team = chat.room("Team", { admins: ["alice"] });
 *   await team.as("bob").send("/new").expectWork(TodoList);
 *   await chat.im("alice").send("help").expectText("/new");
 */
import type { Bot, Chat, User } from "@sprig/core";
import type { InMemoryPlatformOptions } from "./platform/in-memory-platform.ts";
import { InMemoryPlatform } from "./platform/in-memory-platform.ts";
import { Conversation } from "./scenario/conversation.ts";
import type { ScenarioDriver } from "./scenario/driver.ts";
import { MemoryDriver } from "./scenario/memory-driver.ts";
import type { SentMessage } from "./scenario/sent-message.ts";

export interface RoomSetup {
  readonly members?: readonly (User | string)[];
  readonly admins?: readonly (User | string)[];
}

export class TestChat {
  readonly driver: ScenarioDriver;
  /** The in-memory platform, when the driver runs on it. */
  readonly platform: InMemoryPlatform | undefined;

  constructor(driver: ScenarioDriver, platform?: InMemoryPlatform) {
    this.driver = driver;
    this.platform = platform;
  }

  user(name: string): User {
    return this.driver.user(name);
  }

  /** A conversation in a room (created on first use with the bot as a member). */
  room(name: string, setup: RoomSetup = {}): Conversation {
    return new Conversation(this.driver, this.chatRoom(name, setup));
  }

  /** The room itself (a Chat), for assertions and `send`. */
  chatRoom(name: string, setup: RoomSetup = {}): Chat {
    const person = (u: User | string) => (typeof u === "string" ? this.user(u) : u);
    return this.driver.room(name, {
      members: (setup.members ?? []).map(person),
      admins: (setup.admins ?? []).map(person),
    });
  }

  /** A 1:1 conversation between a user and the bot, acting as that user. */
  im(user: User | string): Conversation {
    const who = typeof user === "string" ? this.user(user) : user;
    return new Conversation(this.driver, who, who);
  }

  get transcript(): readonly SentMessage[] {
    return this.driver.transcript();
  }
}

/** The bot on a fresh in-memory platform. */
// biome-ignore lint/suspicious/noExplicitAny: any bot, whatever its services.
export function testChat(bot: Bot<any>, options: InMemoryPlatformOptions = {}): TestChat {
  const platform = new InMemoryPlatform(bot, options);
  return new TestChat(new MemoryDriver(platform), platform);
}
