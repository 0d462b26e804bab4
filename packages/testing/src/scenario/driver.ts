/**
 * The seam under the fluent scenario API. A driver acts as users and reports what the bot sent
 * back. `MemoryDriver` runs the bot on the in-memory platform; `EmulatorDriver`
 * (`@sprig/testing/emulator`) posts to the Symphony pod emulator over HTTP and reads the bot's
 * messages from it, so the same scenario runs end to end. A press the person's client would not
 * submit throws `SubmissionRefused` on both.
 */
import type { Addressable, Chat, HandleStatus, MemberChange, User } from "@sprig/core";
import type { SentMessage } from "./sent-message.ts";

/** What the bot did about one action. */
export interface Delivery {
  /** Everything the bot sent while handling the action, in order. */
  readonly replies: readonly SentMessage[];
  /** How the bot handled it, when the driver can tell (the in-memory driver always can). */
  readonly status?: HandleStatus;
}

export interface PressOptions {
  /** Claim another form id than the message's (to test forged presses). */
  readonly formId?: string;
  /**
   * Press as on a message that does not say what it offered (as one sent before platforms kept
   * that): core then skips its "was this offered?" check, so its checks of the button itself
   * (unknown, another type's, restricted here) can be tested. Drivers of real platforms, which
   * cannot make such a message, ignore it.
   */
  readonly offeredUnknown?: boolean;
  /**
   * A forged press (`forgePress`): made past the person's client, so its checks (required
   * fields, lengths) do not apply where a driver can bypass them.
   */
  readonly forged?: boolean;
}

export interface ScenarioDriver {
  /** The user with this display name (created if the platform allows). */
  user(name: string): User;
  /** The room with this name, created if needed, with these members and admins added. */
  room(name: string, people?: { members?: readonly User[]; admins?: readonly User[] }): Chat;
  /** Post typed text as a user, in a room or in the user's 1:1 with the bot. */
  send(as: User, where: Addressable, text: string): Promise<Delivery>;
  /** Press a button on a message the bot sent, with values for the form's fields. */
  press(
    as: User,
    on: SentMessage,
    buttonId: string,
    values: Readonly<Record<string, unknown>>,
    options?: PressOptions,
  ): Promise<Delivery>;
  /**
   * A membership change in a room (someone joins, leaves, is made or unmade admin), applied to
   * the platform and delivered to the bot as a member event. `by` is who made the change.
   */
  membership(change: MemberChange, room: Chat, member: User, by: User): Promise<Delivery>;
  /** Deliver the last action again, with the same event id (a platform redelivery). */
  redeliver(): Promise<Delivery>;
  /** Everything the bot sent so far, oldest first. */
  transcript(): readonly SentMessage[];
}
