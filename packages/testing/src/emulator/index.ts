// Public API of @sprig/testing/emulator: the test kit's scenarios end to end, on the Symphony pod
// emulator through @sprig/symphony's adapter. A separate entry, so @sprig/testing stays platform-free.
export { BotObserver, type Handled } from "./bot-observer.ts";
export {
  DevApi,
  DevApiError,
  type Fault,
  type LiveEvent,
  LiveEvents,
  type PodMessage,
  type PodUser,
} from "./dev-api.ts";
export {
  BOT_ID,
  BOT_USERNAME,
  type EmulatedPod,
  type EmulatedPodOptions,
  FAST_DATAFEED,
  FAST_RETRY,
  PEOPLE,
  startEmulatedPod,
} from "./emulated-pod.ts";
export { type EmulatorChat, type EmulatorChatOptions, emulatorChat } from "./emulator-chat.ts";
export { EmulatorDriver, type EmulatorDriverParts } from "./emulator-driver.ts";
export { formsOf, type ShownForm } from "./presentation-forms.ts";
export { type ReadBotMessage, readBotMessage } from "./read-bot-message.ts";
