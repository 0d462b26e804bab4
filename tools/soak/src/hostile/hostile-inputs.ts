/**
 * Hostile inputs end to end, against the running instances: random PresentationML, broken
 * EntityJSON, wrong-typed form values, `__proto__` keys, forged button presses, an admin-only
 * command from a non-admin, oversize messages, and markup and FreeMarker syntax in people's text.
 * Each must be answered — refused with a message a person can act on, or done harmlessly — never
 * with the "something went wrong" of a crash, and text must stay text.
 */
import { BOT_ID, type EmulatedPod, formsOf, type PodMessage } from "@sprig/testing/emulator";
import { plainText } from "../check/plain-text.ts";
import { seededRandom } from "../load/seeded-random.ts";

export interface HostileResult {
  readonly name: string;
  readonly passed: boolean;
  /** What the person read (or why the case failed). */
  readonly answer: string;
}

const CRASH = /something went wrong/i;
const ANSWER_TIMEOUT_MS = 30_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Random but well-formed MessageML: tags nested at random around words, some of them markup-like text. */
function randomMessageML(random: () => number): string {
  const tags = ["b", "i", "code", "span"];
  const words = [
    "/echo",
    "hello",
    "&lt;script&gt;",
    "${7*7}",
    "&amp;",
    "<#list x as y>",
    "[#if]",
    "@@",
    "__proto__",
  ];
  const node = (depth: number): string => {
    const parts: string[] = [];
    const count = 1 + Math.floor(random() * 3);
    for (let i = 0; i < count; i++) {
      if (depth < 3 && random() < 0.5) {
        const tag = tags[Math.floor(random() * tags.length)]!;
        parts.push(`<${tag}>${node(depth + 1)}</${tag}>`);
      } else {
        parts.push(words[Math.floor(random() * words.length)]!.replace(/</g, "&lt;").replace(/>/g, "&gt;"));
      }
    }
    return parts.join(" ");
  };
  return `<messageML>/echo ${node(0)}</messageML>`;
}

export async function sendHostileInputs(
  pod: EmulatedPod,
  log: (line: string) => void,
): Promise<HostileResult[]> {
  const { dev } = pod;
  const random = seededRandom(13);
  const alice = pod.personId("alice");
  const mallory = pod.personId("mallory");
  const im = await dev.createIm([alice, BOT_ID]);
  const team = pod.roomId("Team");
  const results: HostileResult[] = [];

  const botMessages = async (stream: string) =>
    (await dev.messages(stream)).filter((m) => m.user.userId === BOT_ID);
  /** Does `act`, then waits for the bot's next message in `stream`. */
  const answerTo = async (stream: string, act: () => Promise<unknown>): Promise<PodMessage | undefined> => {
    // Wait for the last case's answers to settle (a long answer comes in several messages).
    let before = (await botMessages(stream)).length;
    for (let settled = false; !settled; ) {
      await sleep(300);
      const now = (await botMessages(stream)).length;
      settled = now === before;
      before = now;
    }
    await act();
    const deadline = Date.now() + ANSWER_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const now = await botMessages(stream);
      if (now.length > before) return now[before];
      await sleep(100);
    }
    return undefined;
  };
  /** One case: `check` says whether the answer is right (it has already been checked not to be a crash). */
  const hostile = async (
    name: string,
    stream: string,
    act: () => Promise<unknown>,
    check: (text: string, message: PodMessage) => boolean = () => true,
  ) => {
    let answer: PodMessage | undefined;
    try {
      answer = await answerTo(stream, act);
    } catch (error) {
      // The pod itself refused the input (e.g. 400 or 413): the bot never had to see it.
      const text = `refused by the pod: ${(error as Error).message.slice(0, 200)}`;
      results.push({ name, passed: true, answer: text });
      return;
    }
    const text = answer ? plainText(answer.message) : "(no answer)";
    const passed = answer !== undefined && !CRASH.test(text) && text.length > 0 && check(text, answer);
    results.push({ name, passed, answer: text.replace(/\s+/g, " ").slice(0, 300) });
    log(`hostile: ${name}: ${passed ? "ok" : "FAILED"}: ${text.slice(0, 120)}`);
  };
  const latestForm = async (stream: string, type: string) => {
    const message = (await botMessages(stream)).reverse().find((m) => m.data?.includes(`"${type}"`));
    if (!message) throw new Error(`no ${type} form in ${stream}`);
    return { messageId: message.messageId, formId: formsOf(message.message)[0]!.id };
  };

  /** A message event straight onto the bot's feed, past the pod's checks: what a broken client or a bug upstream could deliver. */
  let forged = 0;
  const forgeMessage = (presentationML: string, data: string) =>
    dev.postEvent({
      type: "MESSAGESENT",
      initiator: alice,
      userIds: [BOT_ID],
      payload: {
        message: {
          messageId: Buffer.from(`forged-message-${forged++}`).toString("base64url"),
          timestamp: Date.now(),
          message: `<div data-format="PresentationML" data-version="2.0">${presentationML}</div>`,
          data,
          stream: { streamId: im, streamType: "IM" },
          user: { userId: alice },
        },
      },
    });

  /** A button press straight onto the bot's feed, past the pod's checks: what a forged client could send. */
  const forgePress = (
    initiator: number,
    stream: string,
    form: { messageId: string; formId: string },
    formValues: Record<string, unknown>,
  ) =>
    dev.postEvent({
      type: "SYMPHONYELEMENTSACTION",
      initiator,
      userIds: [BOT_ID],
      payload: {
        stream: { streamId: stream, streamType: stream === team ? "ROOM" : "IM" },
        formMessageId: form.messageId,
        formId: form.formId,
        formValues,
      },
    });
  /** Asks for a new-item form in the 1:1 (`/add`): the form the bot answered with. */
  const newItemForm = async () => {
    await answerTo(im, () => dev.postText(im, alice, "/add"));
    return latestForm(im, "todo-new-item");
  };

  await answerTo(im, () => dev.postText(im, alice, "/new"));
  await answerTo(team, () => dev.postText(team, alice, "/new"));

  const garbage = [
    "/echo <b>unclosed <i>x",
    "/echo </p></p><table><tr><td>cell",
    '/echo <span class="x" data-entity-id="0">@nobody</span><<>>&&;',
  ];
  for (const [i, text] of garbage.entries()) {
    await hostile(`random PresentationML (forged, malformed) ${i + 1}`, im, () => forgeMessage(text, "{}"));
  }
  await hostile("broken EntityJSON (forged)", im, () =>
    forgeMessage('/echo <span class="entity" data-entity-id="0">@x</span>', '{"0": {"type": '),
  );
  for (let i = 0; i < 3; i++) {
    const messageML = randomMessageML(random);
    await hostile(`random PresentationML ${i + 1}`, im, () => dev.postMessage(im, { as: alice, messageML }));
  }
  await hostile("broken EntityJSON", im, () =>
    dev.postMessage(im, {
      as: alice,
      messageML: "<messageML>/echo entity</messageML>",
      data: '{"x": {"type": ',
    }),
  );
  await hostile("EntityJSON of the wrong shape", im, () =>
    dev.postMessage(im, {
      as: alice,
      messageML: "<messageML>/echo shape</messageML>",
      data: JSON.stringify({
        x: { type: "todo-list", version: "1.0", items: "not a list", id: [{ value: {} }] },
      }),
    }),
  );
  await hostile("__proto__ in EntityJSON", im, () =>
    dev.postMessage(im, {
      as: alice,
      messageML: "<messageML>/echo proto</messageML>",
      data: '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}',
    }),
  );

  // Forms: a new-item form, then presses no person's client would make.
  const wrongTyped = await newItemForm();
  await hostile(
    "wrong-typed form values",
    im,
    () =>
      forgePress(alice, im, wrongTyped, {
        action: "add",
        description: { nested: [1, 2] },
        assignee: "not-a-user",
      }),
    (text) => /description|assign/i.test(text),
  );
  const proto = await newItemForm();
  await hostile(
    "__proto__ keys in form values",
    im,
    () =>
      forgePress(
        alice,
        im,
        proto,
        JSON.parse(
          '{"action": "add", "description": "proto item", "__proto__": {"admin": true}, "constructor": {"prototype": {"admin": true}}}',
        ),
      ),
    () => (({}) as Record<string, unknown>).admin === undefined,
  );
  const list = await latestForm(im, "todo-list");
  await hostile(
    "forged button (not on the form)",
    im,
    () => forgePress(alice, im, list, { action: "save", "items.0.description": "hacked" }),
    (text) => /not on this form/i.test(text),
  );
  await hostile(
    "forged button (form of another conversation)",
    team,
    () => forgePress(mallory, team, list, { action: "add-item" }),
    (text) => /another conversation/i.test(text),
  );
  await hostile(
    "admin-only command from a non-admin",
    team,
    () => dev.postText(team, mallory, "/clear"),
    (text) => /admin|owner/i.test(text),
  );
  await hostile("admin-only command (press) forged by a non-admin", team, () =>
    forgePress(
      mallory,
      team,
      { messageId: "bm8tc3VjaC1tZXNzYWdlLWF0LWFsbA", formId: "todo-list" },
      { action: "clear" },
    ),
  );
  await hostile("oversize message (99 000 characters: the echo comes split)", im, () =>
    dev.postText(im, alice, `/echo ${"x ".repeat(49_500)}`),
  );
  await hostile("oversize message (past the pod's limit)", im, () =>
    dev.postText(im, alice, `/echo ${"y".repeat(200_000)}`),
  );
  const markup = '<b>bold</b> <a href="x">link</a> ${7*7} <#if true>ftl</#if> [#list]';
  await hostile(
    "markup and FreeMarker in an echo",
    im,
    () => dev.postText(im, alice, `/echo ${markup}`),
    (text, message) => text === markup && !/<b>|<a /.test(message.message),
  );
  const item = await newItemForm();
  await hostile(
    "markup and FreeMarker in a todo item",
    im,
    () =>
      dev.submitForm(im, item.messageId, {
        as: alice,
        formId: item.formId,
        action: "add",
        values: { description: markup },
      }),
    (text, message) => text.includes(markup) && !/<b>|<a /.test(message.message),
  );
  return results;
}
