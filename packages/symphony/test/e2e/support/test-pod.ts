// The emulated pod lives in @sprig/testing/emulator (bot authors use it too); these are its e2e names.
export {
  BOT_ID,
  BOT_USERNAME,
  type EmulatedPod as TestPod,
  type EmulatedPodOptions as TestPodOptions,
  FAST_DATAFEED,
  FAST_RETRY,
  PEOPLE,
  startEmulatedPod as startTestPod,
} from "@sprig/testing/emulator";
