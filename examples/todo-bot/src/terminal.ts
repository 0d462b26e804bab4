/**
 * The todo bot in a terminal, through the test kit: each line you type is a message from you in
 * a room; what the bot sends is printed as readable text. Lines starting with ":" drive the
 * session (who you are, where you are, pressing buttons). Ends on EOF (Ctrl-D) or Ctrl-C.
 */
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { silentLogger } from "@sprig/core";
import { type Conversation, type SentMessage, testChat } from "@sprig/testing";
import { createTodoBot } from "./todo-bot.ts";

const HELP = `Type messages as in a chat room: /new, /add, /show, /help … (in a room, start with / or @sprig).
Session commands:
  :press <button-id> [field=value …]   press a button on the latest form here (quote values with spaces)
  :as <name>                           act as another user (alice is a room admin; bob is not)
  :room <name>                         move to a room
  :im                                  talk to the bot 1:1
  :help                                this text
  :quit                                leave (Ctrl-D and Ctrl-C work too)`;

export interface TerminalOptions {
  readonly input: Readable;
  readonly output: Writable;
  /** Whether to show a prompt (off when input is not a terminal). */
  readonly prompt?: boolean;
  /** Ends the session (main wires Ctrl-C to it when stdin is not a terminal). */
  readonly signal?: AbortSignal;
}

export async function runTerminal({ input, output, prompt = false, signal }: TerminalOptions): Promise<void> {
  const write = (text: string) => output.write(`${text}\n`);
  const chat = testChat(createTodoBot({ logger: silentLogger }));
  let me = "alice";
  let place = "Team";
  let conversation: Conversation = chat.room(place, { members: ["alice", "bob"], admins: ["alice"] });
  chat.platform!.onSend((sent) => write(formatSent(sent)));

  write(`sprig todo bot — you are ${me} in room "${place}". Type :help for help.`);
  const lines = createInterface({ input, output: prompt ? output : undefined, terminal: prompt });
  const showPrompt = () => {
    if (prompt) {
      lines.setPrompt(`${me}@${place}> `);
      lines.prompt();
    }
  };
  lines.on("SIGINT", () => lines.close());
  signal?.addEventListener("abort", () => lines.close(), { once: true });
  showPrompt();
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === ":quit") break;
    try {
      if (line === "") {
        // nothing to do
      } else if (line === ":help") write(HELP);
      else if (line.startsWith(":as ")) me = line.slice(4).trim() || me;
      else if (line.startsWith(":room ")) {
        place = line.slice(6).trim() || place;
        conversation = chat.room(place);
      } else if (line === ":im") {
        place = "1:1";
        conversation = chat.im(me);
      } else if (line.startsWith(":press ")) {
        const [buttonId = "", ...fields] = splitWords(line.slice(7));
        await conversation.as(me).press(buttonId, Object.fromEntries(fields.map(field)));
      } else if (line.startsWith(":")) write(`Unknown session command "${line}". Type :help.`);
      else await conversation.as(me).send(line);
    } catch (error) {
      write(`(${error instanceof Error ? error.message.split("\n")[0] : String(error)})`);
    }
    showPrompt();
  }
  lines.close();
  write("bye");
}

function formatSent(sent: SentMessage): string {
  const to = sent.to.kind === "chat" ? sent.to.name : `${sent.to.name} (1:1)`;
  const body = sent.text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
  return `sprig → ${to}${sent.kind === "error" ? " [error]" : ""}:\n${body}`;
}

/** Words, keeping "double quoted" parts together. */
function splitWords(text: string): string[] {
  return [...text.matchAll(/(?:[^\s"]+|"[^"]*")+/g)].map((m) => m[0].replace(/"/g, ""));
}

function field(pair: string): [string, string] {
  const at = pair.indexOf("=");
  return at < 0 ? [pair, ""] : [pair.slice(0, at), pair.slice(at + 1)];
}
