// Reading a message's forms lives in @sprig/testing/emulator (the emulator driver uses it).
export { formsOf, type ShownForm } from "@sprig/testing/emulator";
