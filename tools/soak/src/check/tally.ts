/**
 * Counts, per message a person sent, the bot's answers in that person's 1:1 as the pod stored
 * them: lost (fewer than expected), doubled (more), out of order (an answer to an earlier message
 * after an answer to a later one), and wrong state (a todo item numbered other than the count of
 * items added before it — the mark of a lookup that missed another instance's answer).
 */
import type { PodMessage } from "@sprig/testing/emulator";
import { ANSWERS, type Person, type Said } from "../load/ledger.ts";
import { plainText } from "./plain-text.ts";

export interface Tally {
  readonly messages: number;
  readonly answers: number;
  readonly lost: number;
  readonly doubled: number;
  readonly outOfOrder: number;
  readonly wrongState: number;
  /** Bot messages that answer nothing the person said (errors, strays). */
  readonly unexpected: number;
  /** The first few problems, for a person to read. */
  readonly problems: string[];
}

interface Answer {
  /** The message answered, or undefined when it answers nothing said. */
  readonly to: Said | undefined;
  readonly text: string;
}

const ADDED = /^Added "(.+)" as item (\d+)\.$/;

function entitiesOf(message: PodMessage): Array<Record<string, unknown>> {
  if (!message.data) return [];
  try {
    return Object.values(JSON.parse(message.data) as Record<string, unknown>).filter(
      (e): e is Record<string, unknown> => typeof e === "object" && e !== null,
    );
  } catch {
    return [];
  }
}

/** Which of `person`'s messages each bot message answers, in the pod's order. */
function attribute(person: Person, botMessages: readonly PodMessage[]): Answer[] {
  const byTag = new Map(person.said.filter((s) => s.tag).map((s) => [s.tag, s]));
  const news = person.said.filter((s) => s.kind === "new");
  const adds = person.said.filter((s) => s.kind === "add");
  let formsSeen = 0;
  let emptyListsSeen = 0;
  return botMessages.map((message) => {
    const text = plainText(message.message);
    const entities = entitiesOf(message);
    const list = entities.find((e) => e.type === "todo-list");
    if (list) {
      const items = (list.items ?? []) as Array<{ description?: string }>;
      const last = items.at(-1)?.description;
      return { to: last === undefined ? news[emptyListsSeen++] : byTag.get(last), text };
    }
    if (entities.some((e) => e.type === "todo-new-item")) return { to: adds[formsSeen++], text };
    const added = ADDED.exec(text);
    if (added) return { to: byTag.get(added[1]!), text };
    return { to: byTag.get(text), text };
  });
}

export function tally(
  people: readonly Person[],
  messagesOf: ReadonlyMap<string, PodMessage[]>,
  botId: number,
): Tally {
  let messages = 0;
  let answers = 0;
  let lost = 0;
  let doubled = 0;
  let outOfOrder = 0;
  let wrongState = 0;
  let unexpected = 0;
  const problems: string[] = [];
  const problem = (text: string) => {
    if (problems.length < 20) problems.push(text);
  };
  for (const person of people) {
    const botMessages = (messagesOf.get(person.im) ?? []).filter((m) => m.user.userId === botId);
    const attributed = attribute(person, botMessages);
    answers += botMessages.length;
    messages += person.said.length;
    const counts = new Map<Said, number>();
    let latest = -1;
    let pressesBefore = 0;
    const pressNumber = new Map<Said, number>();
    for (const said of person.said) if (said.kind === "press") pressNumber.set(said, ++pressesBefore);
    for (const { to, text } of attributed) {
      if (!to) {
        unexpected++;
        problem(`${person.username}: an answer to nothing said: ${JSON.stringify(text.slice(0, 120))}`);
        continue;
      }
      counts.set(to, (counts.get(to) ?? 0) + 1);
      if (to.seq < latest) {
        outOfOrder++;
        const later = person.said[latest];
        problem(
          `${person.username}: the answer to message ${to.seq} (${to.kind} ${to.tag}) came after one to message ${latest} (${later?.kind} ${later?.tag})`,
        );
      }
      latest = Math.max(latest, to.seq);
      const added = ADDED.exec(text);
      if (added && Number(added[2]) !== pressNumber.get(to)) {
        wrongState++;
        problem(`${person.username}: "${to.tag}" became item ${added[2]}, not ${pressNumber.get(to)}`);
      }
    }
    for (const said of person.said) {
      const got = counts.get(said) ?? 0;
      const want = ANSWERS[said.kind];
      if (got < want) {
        lost += want - got;
        problem(
          `${person.username}: message ${said.seq} (${said.kind} ${said.tag}) got ${got} of ${want} answers`,
        );
      } else if (got > want) {
        doubled += got - want;
        problem(
          `${person.username}: message ${said.seq} (${said.kind} ${said.tag}) got ${got} answers, not ${want}`,
        );
      }
    }
  }
  return { messages, answers, lost, doubled, outOfOrder, wrongState, unexpected, problems };
}
