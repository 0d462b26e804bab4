// The poll bot: /poll, a button per option, one vote per person, live counts, /end and a timer.
export { createPollBot, type PollBot, type PollBotOptions } from "./poll-bot.ts";
export { Answer, MAX_OPTIONS, Poll, PollSetup } from "./work-types.ts";
