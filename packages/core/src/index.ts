// Public API of @sprig/core: everything exported from here, nothing else.
export {
  type Addressable,
  addressableKey,
  Chat,
  sameAddressable,
  User,
} from "./addressables/addressables.ts";
export * from "./forms/index.ts";
export * from "./work/index.ts";
