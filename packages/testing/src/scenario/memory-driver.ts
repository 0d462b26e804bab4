/** The scenario driver over the in-memory platform: the bot runs in-process, no network. */
import type { Action, Addressable, Chat, MemberChange, User } from "@sprig/core";
import { sameAddressable } from "@sprig/core";
import { clientRefusal } from "../platform/client-checks.ts";
import type { InMemoryPlatform } from "../platform/in-memory-platform.ts";
import type { Delivery, PressOptions, ScenarioDriver } from "./driver.ts";
import { SubmissionRefused } from "./expect.ts";
import type { SentMessage } from "./sent-message.ts";

export class MemoryDriver implements ScenarioDriver {
  readonly platform: InMemoryPlatform;
  #last: Action | undefined;

  constructor(platform: InMemoryPlatform) {
    this.platform = platform;
  }

  user(name: string): User {
    return this.platform.directory.user(name);
  }

  room(name: string, people: { members?: readonly User[]; admins?: readonly User[] } = {}): Chat {
    const chat = this.platform.directory.room(name);
    this.platform.directory.addMember(chat, this.platform.botUser);
    for (const member of people.members ?? []) this.platform.directory.addMember(chat, member);
    for (const admin of people.admins ?? []) this.platform.directory.setAdmin(chat, admin);
    return chat;
  }

  send(as: User, where: Addressable, text: string): Promise<Delivery> {
    if (where.kind === "chat") this.platform.directory.addMember(where, as);
    return this.#deliver(this.platform.message(as, where, text));
  }

  async press(
    as: User,
    on: SentMessage,
    buttonId: string,
    values: Readonly<Record<string, unknown>>,
    options: PressOptions = {},
  ): Promise<Delivery> {
    if (on.to.kind === "user" && !sameAddressable(on.to, as)) {
      throw new Error(`${as.name} cannot press a button in ${on.to.name}'s 1:1 conversation with the bot.`);
    }
    if (!options.forged && on.form) {
      const refusal = clientRefusal(on.form, values);
      if (refusal) throw new SubmissionRefused(refusal);
    }
    return await this.#deliver(this.platform.press(as, on.id, buttonId, values, options));
  }

  membership(change: MemberChange, room: Chat, member: User, by: User): Promise<Delivery> {
    const directory = this.platform.directory;
    if (change === "joined") directory.addMember(room, member);
    else if (change === "left") directory.removeMember(room, member);
    else directory.setAdmin(room, member, change === "promoted");
    return this.#deliver(this.platform.member(change, room, member, by));
  }

  redeliver(): Promise<Delivery> {
    if (!this.#last) throw new Error("Nothing was delivered yet, so there is nothing to redeliver.");
    return this.#deliver(this.#last);
  }

  transcript(): readonly SentMessage[] {
    return this.platform.transcript;
  }

  async #deliver(action: Action): Promise<Delivery> {
    this.#last = action;
    const before = this.platform.sentCount;
    const outcome = await this.platform.deliver(action);
    const transcript = this.platform.transcript;
    const replies = transcript.slice(transcript.length - (this.platform.sentCount - before));
    return { replies, status: outcome.status };
  }
}
