/**
 * The poll bot of Spring Bot's demos, on sprig.
 *
 *   /poll            (rooms only) the set-up form: a question, up to 6 options, how long it runs
 *   Start            posts the poll: a button per option, the counts so far, "End poll now"
 *   an option        your vote — one per person: voting again replaces your vote, and says so
 *   /end [id]        closes the poll (its author and room owners only) and posts the result table;
 *                    so does "End poll now", and the timer
 *
 * The votes are the bot's answer messages in the room, read back from its history (no memory of
 * its own), so the counts survive a restart. So do the timers: at start the bot reads its rooms'
 * open polls back from history and arms them again — one whose end passed while it was stopped
 * closes at once, and a poll already closed there is never closed twice. A vote's updated poll replaces the poll message where
 * the platform can (Symphony's `updateFormInPlace`), so the counts change in place.
 */
import { randomUUID } from "node:crypto";
import {
  type Addressable,
  type Bot,
  type BotOptions,
  type ButtonView,
  type Chat,
  type Conversations,
  createBot,
  draft,
  type History,
  heading,
  historyOver,
  message,
  type PlatformAdapter,
  paragraph,
  reply,
  table,
  type User,
  UserError,
  view,
  words,
} from "@sprig/core";
import { answersTo, latestPerVoter, openPollsIn, tagOf, withCounts } from "./tally.ts";
import { Answer, MAX_OPTIONS, optionsOf, Poll, PollSetup } from "./work-types.ts";

export interface PollBotOptions extends BotOptions<{}> {
  readonly now?: () => Date;
  readonly newPollId?: () => string;
  /** Runs `fire` after `ms` (setTimeout by default); returns a cancel function. */
  readonly schedule?: (ms: number, fire: () => void) => () => void;
}

export interface PollBot {
  readonly bot: Bot;
  /**
   * Where the timers read the polls from and close them: the adapter, once connected. Reads the
   * open polls of the bot's rooms back from history and arms their timers.
   */
  started(adapter: PlatformAdapter): Promise<void>;
  /** How many polls wait on a timer in this process. */
  readonly armed: number;
  /** Cancels the timers. */
  stopping(): void;
}

const VOTE = (n: number) => `vote-${n}`;

function resultOf(poll: Poll): ReturnType<typeof message> {
  const total = poll.options.reduce((sum, o) => sum + o.votes, 0);
  return message(
    heading(3, `Result: ${poll.question}`),
    table(
      poll.options.map((o) => [o.option, String(o.votes)]),
      ["Option", "Votes"],
    ),
    paragraph(...words(`${total} vote${total === 1 ? "" : "s"} in all.`)),
  );
}

export function createPollBot(options: PollBotOptions = {}): PollBot {
  const {
    now = () => new Date(),
    newPollId = () => randomUUID().slice(0, 6),
    schedule = (ms, fire) => {
      const timer = setTimeout(fire, ms);
      timer.unref();
      return () => clearTimeout(timer);
    },
    ...botOptions
  } = options;
  const bot = createBot(botOptions);
  const timers = new Map<string, () => void>();
  let adapter: PlatformAdapter | undefined;

  // A poll shows one button per option, labelled with it, and none once it is closed.
  bot.responses.use({
    name: "poll.buttons",
    priority: 110,
    handle(response) {
      if (response.kind !== "work" || response.workType.typeName !== Poll.typeName) return response;
      const poll = response.value as Poll;
      const buttons: ButtonView[] =
        poll.status === "closed"
          ? []
          : response.buttons.flatMap((b) => {
              const n = /^vote-(\d)$/.exec(b.id)?.[1];
              if (n === undefined) return [b];
              const option = poll.options[Number(n) - 1];
              return option ? [{ ...b, text: option.option }] : [];
            });
      return { ...response, buttons };
    },
  });

  bot.command("poll", { description: "Start a poll (in a room)", order: 1 }, ({ chat }) => {
    if (!chat) throw new UserError("Polls are for rooms: send /poll in a room.");
    return draft(PollSetup, {});
  });

  bot.button(
    PollSetup,
    "start",
    { text: "Start", showWhen: "edit", style: "primary" },
    ({ form, user, chat }) => {
      if (!chat) throw new UserError("Polls are for rooms: send /poll in a room.");
      const id = newPollId();
      const poll = Poll.create({
        id,
        question: form.question,
        options: optionsOf(form).map((option) => ({ option, votes: 0 })),
        author: user,
        endsAt: new Date(now().getTime() + form.minutes * 60_000).toISOString(),
        status: "open",
      });
      arm(chat, poll);
      return [
        reply(
          `Poll ${id} is open for ${form.minutes} minute${form.minutes === 1 ? "" : "s"}; end it early with /end ${id}.`,
        ),
        view(poll, { tags: [tagOf(id)] }),
      ];
    },
  );

  for (let n = 1; n <= MAX_OPTIONS; n++) {
    bot.button(Poll, VOTE(n), { text: `Option ${n}` }, async ({ form, user, history }) => {
      const poll = await currentPoll(history, form.id);
      const choice = poll.options[n - 1]?.option;
      if (choice === undefined) throw new UserError(`This poll has no option ${n}.`);
      const answers = await answersTo(history, poll.id);
      const before = latestPerVoter(answers).get(user.id);
      const answer = Answer.create({ pollId: poll.id, voter: user, choice });
      const counted = Poll.create({ ...poll, options: withCounts(poll, [answer, ...answers]) });
      return [
        view(answer, { tags: [tagOf(poll.id)] }),
        ...(before && before.choice !== choice
          ? [reply(`${user.name ?? user.id}, your vote for "${before.choice}" is replaced by "${choice}".`)]
          : before
            ? [reply(`${user.name ?? user.id}, you had voted for "${choice}" already.`)]
            : []),
        view(counted, { tags: [tagOf(poll.id)] }),
      ];
    });
  }

  bot.button(
    Poll,
    "end",
    { text: "End poll now", style: "danger" },
    async ({ form, user, chat, history, conversations }) =>
      end(await currentPoll(history, form.id), user, chat, history, conversations),
  );

  bot.command(
    "end {id?}",
    { description: "End a poll now, e.g. /end p1a2b3 (the latest poll here without an id)", order: 2 },
    async ({ vars, user, chat, history, conversations }) => {
      const poll = vars.id ? await currentPoll(history, vars.id) : await history.latest(Poll);
      if (!poll) throw new UserError("There is no poll here to end.");
      return end(await currentPoll(history, poll.id), user, chat, history, conversations);
    },
  );

  async function end(
    poll: Poll,
    user: User,
    chat: Chat | undefined,
    history: History,
    conversations: Conversations,
  ) {
    const owners = chat ? await conversations.admins(chat) : [];
    if (poll.author.id !== user.id && !owners.some((o) => o.id === user.id)) {
      throw new UserError("Only the poll's author or a room owner can end it.");
    }
    return closed(poll, history);
  }

  /** The poll closed with its final counts, and the result table. */
  async function closed(poll: Poll, history: History) {
    timers.get(poll.id)?.();
    timers.delete(poll.id);
    const final = Poll.create({
      ...poll,
      options: withCounts(poll, await answersTo(history, poll.id)),
      status: "closed",
    });
    return [view(final, { tags: [tagOf(poll.id)] }), resultOf(final)];
  }

  /** The poll's timer (once per process); a poll whose end has passed closes at once. */
  function arm(where: Addressable, poll: Poll): void {
    if (timers.has(poll.id)) return;
    const wait = Math.max(0, Date.parse(poll.endsAt) - now().getTime());
    timers.set(
      poll.id,
      schedule(wait, () => void closeOnTimer(where, poll.id)),
    );
  }

  async function closeOnTimer(where: Addressable, pollId: string): Promise<void> {
    timers.delete(pollId);
    if (!adapter) return;
    const history = historyOver(adapter.history, bot.works, where);
    const poll = await history.latestTagged(Poll, tagOf(pollId));
    if (!poll || poll.status === "closed") return;
    await bot
      .send(where, await closed(poll, history))
      .catch((error: unknown) =>
        bot.log.error({ err: error, pollId }, "could not close a poll on its timer"),
      );
  }

  return {
    bot,
    async started(connected) {
      adapter = connected;
      for (const chat of await connected.conversations.chats()) {
        const history = historyOver(connected.history, bot.works, chat);
        for (const poll of await openPollsIn(history)) arm(chat, poll);
      }
    },
    get armed() {
      return timers.size;
    },
    stopping() {
      for (const cancel of timers.values()) cancel();
      timers.clear();
    },
  };
}

/** The poll's latest state in this room; a closed poll takes no more votes. */
async function currentPoll(history: History, id: string): Promise<Poll> {
  const poll = await history.latestTagged(Poll, tagOf(id));
  if (!poll) throw new UserError(`There is no poll ${id} here.`);
  if (poll.status === "closed") throw new UserError(`Poll ${id} is closed.`);
  return poll;
}
