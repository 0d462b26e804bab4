// Public API of @sprig/testing: everything exported from here, nothing else.

export { type HandClock, handClock } from "./hand-clock.ts";
export { Directory } from "./platform/directory.ts";
export { MemoryHistoryStore } from "./platform/history-store.ts";
export { InMemoryPlatform, type InMemoryPlatformOptions } from "./platform/in-memory-platform.ts";
export { describeButtons, describeContent, describeForm } from "./render/describe-sent.ts";
export {
  type ActOptions,
  Conversation,
  type FormChoice,
  type WorkExpectation,
} from "./scenario/conversation.ts";
export type { Delivery, PressOptions, ScenarioDriver } from "./scenario/driver.ts";
export {
  describeReplies,
  partialMatch,
  ScenarioError,
  SubmissionRefused,
  type TextMatcher,
} from "./scenario/expect.ts";
export { MemoryDriver } from "./scenario/memory-driver.ts";
export type { SentKind, SentMessage } from "./scenario/sent-message.ts";
export { type RoomSetup, TestChat, testChat } from "./test-chat.ts";
export { parseText } from "./text/parse-text.ts";
