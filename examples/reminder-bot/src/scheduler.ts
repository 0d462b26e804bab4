/**
 * Timers for pending reminders, each armed once per process. It holds no state of its own worth
 * keeping: after a restart the bot arms them again from the chat's history, and a reminder already
 * fired is marked done there, so it never fires twice.
 */
import type { Addressable } from "@sprig/core";
import type { Reminder } from "./work-types.ts";

export type Schedule = (ms: number, fire: () => void) => () => void;

/** setTimeout waits at most 2^31-1 ms (about 24 days); longer waits are re-armed in steps. */
const LONGEST_WAIT = 2 ** 31 - 1;

export const timerSchedule: Schedule = (ms, fire) => {
  const timer = setTimeout(fire, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

export class ReminderScheduler {
  readonly #timers = new Map<string, () => void>();
  readonly #now: () => Date;
  readonly #schedule: Schedule;
  readonly #fire: (where: Addressable, reminder: Reminder) => Promise<void>;

  constructor(
    now: () => Date,
    schedule: Schedule,
    fire: (where: Addressable, reminder: Reminder) => Promise<void>,
  ) {
    this.#now = now;
    this.#schedule = schedule;
    this.#fire = fire;
  }

  /** Arms the reminder (once); one already due fires at once. */
  arm(where: Addressable, reminder: Reminder): void {
    if (this.#timers.has(reminder.id)) return;
    const wait = Date.parse(reminder.when) - this.#now().getTime();
    const step = Math.max(0, Math.min(wait, LONGEST_WAIT));
    this.#timers.set(
      reminder.id,
      this.#schedule(step, () => {
        this.#timers.delete(reminder.id);
        if (step < wait) this.arm(where, reminder);
        else void this.#fire(where, reminder);
      }),
    );
  }

  get armed(): number {
    return this.#timers.size;
  }

  stop(): void {
    for (const cancel of this.#timers.values()) cancel();
    this.#timers.clear();
  }
}
