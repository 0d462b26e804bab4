// Public API of @sprig/emulator: everything exported from here, nothing else.
export type { DatafeedSettings } from "./datafeed/datafeed-settings.ts";
export { type Emulator, type EmulatorOptions, startEmulator } from "./emulator.ts";
export type { FaultSpec } from "./faults/fault-injector.ts";
export { createIdSource, type IdSource } from "./ids/id-source.ts";
export { toUrlSafeId } from "./ids/url-safe-ids.ts";
export { type Clock, systemClock } from "./runtime/clock.ts";
export { type RandomBytes, seededRandom, systemRandom } from "./runtime/random.ts";
export type { SeedDocument } from "./seed/seed-file.ts";
export { createSelfSignedCertificate, type TlsCertificate } from "./tls/self-signed-certificate.ts";
