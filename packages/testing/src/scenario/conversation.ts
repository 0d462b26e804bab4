/**
 * The fluent scenario: act as a user in a place, and assert on what the bot replied.
 *
 *   await chat.room("Team").as("alice").send("/new")
 *     .expectWork(TodoList, { mode: "view" })
 *     .press("add-item").submit({ description: "Milk" })
 *     .expectText(/Milk/);
 *
 * Steps are queued and run in order when the chain is awaited; expectations look at the
 * replies to the latest action. `press` and `submit` act on the latest form the bot sent here,
 * or on an earlier one: `{ on: message }` or `{ on: (formsHere) => … }`.
 */
import type { Addressable, HandleStatus, MemberChange, User, WorkTypeRef } from "@sprig/core";
import { walkFields } from "@sprig/core";
import type { Delivery, PressOptions, ScenarioDriver } from "./driver.ts";
import type { TextMatcher } from "./expect.ts";
import { fail, partialMatch, ScenarioError, textMatches } from "./expect.ts";
import type { SentMessage } from "./sent-message.ts";

export interface WorkExpectation<T> {
  readonly mode?: "view" | "edit";
  /** A subset of the object's fields that must match (deeply). */
  readonly value?: unknown;
  /** A predicate on the object. */
  readonly where?: (value: T) => boolean;
  /** Exactly these button ids, in this order. */
  readonly buttons?: readonly string[];
}

type Step = () => Promise<void>;

/**
 * Which form message to act on: one the bot sent here (e.g. from `replies` or `transcript`), or
 * a choice among the forms sent here, oldest first (`(forms) => forms.at(-2)`: the one before last).
 */
export type FormChoice = SentMessage | ((formsHere: readonly SentMessage[]) => SentMessage | undefined);

export interface ActOptions {
  /** The form message to act on; the latest form here by default. */
  readonly on?: FormChoice;
}

export class Conversation implements PromiseLike<void> {
  readonly #driver: ScenarioDriver;
  readonly #where: Addressable;
  #actor: User | undefined;
  #steps: Step[] = [];
  #last: Delivery = { replies: [] };

  constructor(driver: ScenarioDriver, where: Addressable, actor?: User) {
    this.#driver = driver;
    this.#where = where;
    this.#actor = actor;
  }

  /** The place this conversation happens in (a room, or the user of a 1:1). */
  get where(): Addressable {
    return this.#where;
  }

  /** The replies to the latest action (after the chain has been awaited). */
  get replies(): readonly SentMessage[] {
    return this.#last.replies;
  }

  /** Act as this user from now on (a name creates the user on first use). */
  as(user: User | string): this {
    return this.#step(async () => {
      this.#actor = typeof user === "string" ? this.#driver.user(user) : user;
    });
  }

  /** Send typed text: "@Name" mentions a known user, "#tag" and "$TICKER" are tags. */
  send(text: string): this {
    return this.#step(async () => {
      this.#last = await this.#driver.send(this.#who(), this.#where, text);
    });
  }

  /** Press a button shown on the latest form here (or the one `on` names), optionally with field values. */
  press(buttonId: string, values: Readonly<Record<string, unknown>> = {}, options: ActOptions = {}): this {
    return this.#step(async () => {
      const form = this.#form(options.on);
      const shown = buttonIdsOf(form);
      if (!shown.includes(buttonId)) {
        fail(
          `Expected a "${buttonId}" button on the ${options.on ? "chosen" : "latest"} form (${form.formId}), but it has: ${
            shown.join(", ") || "no buttons"
          }.`,
          [form],
        );
      }
      this.#last = await this.#driver.press(this.#who(), form, buttonId, values);
    });
  }

  /**
   * Fill in and submit the latest form here: `values` by dotted field path; the button is the
   * form's first unless named.
   */
  submit(values: Readonly<Record<string, unknown>>, buttonId?: string, options: ActOptions = {}): this {
    return this.#step(async () => {
      const form = this.#form(options.on);
      const id = buttonId ?? form.buttons[0]?.id;
      if (id === undefined) fail(`The latest form (${form.formId}) has no button to submit it with.`, [form]);
      if (!form.buttons.some((b) => b.id === id)) {
        fail(`Expected a "${id}" button on the latest form (${form.formId}).`, [form]);
      }
      this.#last = await this.#driver.press(this.#who(), form, id, values);
    });
  }

  /**
   * Press a button whether or not it is shown (a forged or stale press), optionally claiming
   * another form id: for testing that the bot refuses what it should. The press says what the
   * message offered, as a real adapter's does, so a button the message did not show is refused
   * (`sprig.button_not_offered`) unless `offeredUnknown` is set (see `PressOptions`).
   */
  forgePress(
    buttonId: string,
    options: { values?: Readonly<Record<string, unknown>> } & PressOptions = {},
  ): this {
    return this.#step(async () => {
      const form = this.#latestForm();
      const { values = {}, ...press } = options;
      this.#last = await this.#driver.press(this.#who(), form, buttonId, values, { ...press, forged: true });
    });
  }

  /**
   * Someone joins, leaves, is promoted to or demoted from admin of this room (made by the
   * current actor, or by the member themself if nobody acts yet).
   */
  member(change: MemberChange, who: User | string): this {
    return this.#step(async () => {
      if (this.#where.kind !== "chat")
        throw new ScenarioError("Membership changes happen in rooms, not in a 1:1.");
      const member = typeof who === "string" ? this.#driver.user(who) : who;
      this.#last = await this.#driver.membership(change, this.#where, member, this.#actor ?? member);
    });
  }

  /** Deliver the latest action again with the same event id. */
  redeliver(): this {
    return this.#step(async () => {
      this.#last = await this.#driver.redeliver();
    });
  }

  /**
   * Some reply's text matches (a string is looked for inside it). Like `expectNoText`, it reads
   * every reply the person sees, error replies included; `expectError` checks that one is an error.
   */
  expectText(matcher: TextMatcher): this {
    return this.#step(async () => {
      if (!this.replies.some((r) => textMatches(r.text, matcher))) {
        fail(`Expected a reply matching ${String(matcher)}.`, this.replies);
      }
    });
  }

  /** No reply's text matches (error replies included, as in `expectText`). */
  expectNoText(matcher: TextMatcher): this {
    return this.#step(async () => {
      if (this.replies.some((r) => textMatches(r.text, matcher))) {
        fail(`Expected no reply matching ${String(matcher)}.`, this.replies);
      }
    });
  }

  /** A reply shows a work object of this type (and mode, fields, buttons if given). */
  expectWork<T>(type: WorkTypeRef<T> | string, expected: WorkExpectation<T> = {}): this {
    return this.#step(async () => {
      const name = typeof type === "string" ? type : type.typeName;
      const found = this.replies.find(
        (r) =>
          r.kind === "work" &&
          r.workType === name &&
          (expected.mode === undefined || r.mode === expected.mode) &&
          (expected.value === undefined || partialMatch(r.value, expected.value)) &&
          (expected.where === undefined || expected.where(r.value as T)) &&
          (expected.buttons === undefined || sameIds(r, expected.buttons)),
      );
      if (!found) {
        const wanted = [
          `a "${name}" form`,
          expected.mode && `in ${expected.mode} mode`,
          expected.value !== undefined && `with ${JSON.stringify(expected.value)}`,
          expected.buttons && `with buttons ${expected.buttons.join(", ")}`,
          expected.where && "passing the given check",
        ]
          .filter(Boolean)
          .join(" ");
        fail(`Expected ${wanted}.`, this.replies);
      }
    });
  }

  /** The latest form here has exactly these buttons, in this order. */
  expectButtons(ids: readonly string[]): this {
    return this.#step(async () => {
      const form = this.#latestForm();
      if (!sameIds(form, ids)) fail(`Expected buttons ${ids.join(", ")} on the latest form.`, [form]);
    });
  }

  /** A reply is a form with an error on this field (dotted path; "" for the whole form). */
  expectFieldError(path: string, matcher?: TextMatcher): this {
    return this.#step(async () => {
      const ok = this.replies.some((r) => {
        const error = r.errors[path];
        return error !== undefined && (matcher === undefined || textMatches(error, matcher));
      });
      if (!ok)
        fail(
          `Expected a form with an error on field "${path}"${matcher ? ` matching ${String(matcher)}` : ""}.`,
          this.replies,
        );
    });
  }

  /** A reply is an error message (matching, with this code, if given). */
  expectError(matcher?: TextMatcher, options: { code?: string } = {}): this {
    return this.#step(async () => {
      const ok = this.replies.some(
        (r) =>
          r.kind === "error" &&
          (matcher === undefined || textMatches(r.text, matcher)) &&
          (options.code === undefined || r.errorCode === options.code),
      );
      if (!ok) {
        fail(
          `Expected an error${options.code ? ` ${options.code}` : ""}${matcher ? ` matching ${String(matcher)}` : ""}.`,
          this.replies,
        );
      }
    });
  }

  /** The bot sent nothing for the latest action. */
  expectNoReply(): this {
    return this.#step(async () => {
      if (this.replies.length > 0) fail("Expected no reply.", this.replies);
    });
  }

  /** How the bot handled the latest action (drivers that can tell). */
  expectStatus(status: HandleStatus): this {
    return this.#step(async () => {
      if (this.#last.status !== status) {
        fail(`Expected the action to be "${status}", but it was "${this.#last.status}".`, this.replies);
      }
    });
  }

  /** Any other check on the replies. */
  check(assertion: (replies: readonly SentMessage[]) => void | Promise<void>): this {
    return this.#step(async () => {
      await assertion(this.replies);
    });
  }

  // biome-ignore lint/suspicious/noThenProperty: a scenario is awaited on purpose: `await chat.send(...).expectText(...)`.
  then<R1 = void, R2 = never>(
    // biome-ignore lint/suspicious/noConfusingVoidType: PromiseLike<void>'s own signature.
    onFulfilled?: ((value: void) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): PromiseLike<R1 | R2> {
    return this.#run().then(onFulfilled, onRejected);
  }

  async #run(): Promise<void> {
    const steps = this.#steps;
    this.#steps = [];
    for (const step of steps) await step();
  }

  #step(step: Step): this {
    this.#steps.push(step);
    return this;
  }

  #who(): User {
    if (!this.#actor)
      throw new ScenarioError("Say who acts first: .as(user) before .send(...) or .press(...).");
    return this.#actor;
  }

  #latestForm(): SentMessage {
    return this.#form(undefined);
  }

  /** The latest form sent here, or the one `choice` names (which must be a form sent here). */
  #form(choice: FormChoice | undefined): SentMessage {
    const formsHere = this.#driver
      .transcript()
      .filter((sent) => sent.formId !== undefined && sameHere(sent.to, this.#where));
    if (formsHere.length === 0)
      throw new ScenarioError("The bot has sent no form here yet, so there is nothing to press.");
    if (choice === undefined) return formsHere.at(-1)!;
    const chosen = typeof choice === "function" ? choice(formsHere) : choice;
    const found = chosen && formsHere.find((sent) => sent.id === chosen.id);
    if (!found)
      throw new ScenarioError(
        `The chosen message${chosen ? ` (${chosen.id})` : ""} is not a form the bot sent here; there are ${formsHere.length}.`,
      );
    return found;
  }
}

/** The message's buttons and, on an edit form, its tables' buttons (add, edit, done, delete rows). */
export function buttonIdsOf(sent: SentMessage): string[] {
  const ids = sent.buttons.map((b) => b.id);
  if (sent.kind !== "work" || sent.mode !== "edit" || !sent.form) return ids;
  for (const node of walkFields(sent.form.fields)) {
    if (node.kind !== "table" || !("rows" in node)) continue;
    const { buttons, rows } = node;
    if (buttons)
      ids.push(
        ...[buttons.addRow, buttons.deleteRows, buttons.done, buttons.cancel].filter(
          (id) => id !== undefined,
        ),
      );
    for (const row of rows) if (row.editButton) ids.push(row.editButton);
  }
  return ids;
}

function sameIds(sent: SentMessage, ids: readonly string[]): boolean {
  return sent.buttons.length === ids.length && sent.buttons.every((b, i) => b.id === ids[i]);
}

function sameHere(a: Addressable, b: Addressable): boolean {
  return a.kind === b.kind && a.platform === b.platform && a.id === b.id;
}
