// `npm run terminal -w @sprig/todo-bot`: the todo bot in this terminal, on the test kit's in-memory platform.
import { runTerminal } from "./terminal.ts";

// Ctrl-C when stdin is not a terminal (in a terminal, readline sees it): close the session as on EOF.
const stop = new AbortController();
process.once("SIGINT", () => stop.abort());
await runTerminal({
  input: process.stdin,
  output: process.stdout,
  prompt: process.stdin.isTTY === true,
  signal: stop.signal,
});
process.stdin.destroy();
