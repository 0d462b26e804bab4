// The dev API client lives in @sprig/testing/emulator (bot authors use it too).
export {
  DevApi,
  DevApiError,
  type Fault,
  type LiveEvent,
  LiveEvents,
  type PodMessage,
  type PodUser,
} from "@sprig/testing/emulator";
