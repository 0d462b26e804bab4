/**
 * Scripted people: each starts a todo list in their 1:1 with the bot, then talks — mostly
 * `/echo TAG`, sometimes `/add` and, once the new-item form shows, "Add" pressed with TAG as the
 * item. Echoes are sent without waiting for the answer, so a conversation has several messages in
 * flight at once, spread over the instances: that is where order can break.
 */
import { BOT_ID, type DevApi, formsOf, type LiveEvents } from "@sprig/testing/emulator";
import type { Kind, Person } from "./ledger.ts";

/** Share of steps that add a todo item (two messages: `/add`, then the press). */
const ADD_SHARE = 0.15;
/** A form lost for longer than this is given up on (the tally shows the `/add` as lost). */
const FORM_TIMEOUT_MS = 120_000;

export interface Talk {
  readonly dev: DevApi;
  readonly random: () => number;
  /** Longest pause between two messages of one person (ms). */
  readonly maxGapMs: number;
  /** Resolves when people may go on (a feed deletion holds them): false when the soak has failed and they should stop. */
  readonly gate: () => Promise<boolean>;
  /** Called after every message the pod accepted. */
  readonly onSaid: () => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs one person's script until they said `budget` messages. */
export async function talk(person: Person, events: LiveEvents, budget: number, talk: Talk): Promise<void> {
  const { dev, random } = talk;
  const say = async (kind: Kind, text: string, tag = "") => {
    await dev.postText(person.im, person.id, text);
    person.said.push({ seq: person.said.length, kind, tag });
    talk.onSaid();
  };
  const tag = () => `p${person.index}-${person.said.length}`;

  await say("new", "/new");
  while (person.said.length < budget) {
    if (!(await talk.gate())) return;
    if (budget - person.said.length >= 2 && random() < ADD_SHARE) {
      await say("add", "/add");
      const shown = await events
        .next(
          (e) =>
            e.type === "MESSAGESENT" &&
            e.data.initiator?.user?.userId === BOT_ID &&
            String(e.data.payload?.messageSent?.message?.data ?? "").includes('"todo-new-item"'),
          FORM_TIMEOUT_MS,
        )
        .catch(() => undefined);
      const message = shown?.data.payload?.messageSent?.message;
      const form = message ? formsOf(String(message.message))[0] : undefined;
      if (!message || !form) continue;
      const item = tag();
      await dev.submitForm(person.im, String(message.messageId), {
        as: person.id,
        formId: form.id,
        action: "add",
        values: { description: item },
      });
      person.said.push({ seq: person.said.length, kind: "press", tag: item });
      talk.onSaid();
    } else {
      const item = tag();
      await say("echo", `/echo ${item}`, item);
    }
    await sleep(random() * talk.maxGapMs);
  }
}
