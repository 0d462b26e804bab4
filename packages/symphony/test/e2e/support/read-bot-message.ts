// Reading the bot's messages back lives in @sprig/testing/emulator (the emulator driver uses it).
export { type ReadBotMessage, readBotMessage } from "@sprig/testing/emulator";
