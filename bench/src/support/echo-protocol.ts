/** What the echo benchmark and its bot processes (`echo-bot.ts`) say to each other. */

export type Contestant = "fetch loop" | "request loop" | "sprig";
export const CONTESTANTS: readonly Contestant[] = ["fetch loop", "request loop", "sprig"];

export type EchoBotCommand =
  | { readonly kind: "start" }
  | { readonly kind: "mark" }
  /** The CPU time since `mark`, the bot left running (steady-state measurements). */
  | { readonly kind: "cpu" }
  /** Resident and heap memory after a full garbage collection (with `--expose-gc`). */
  | { readonly kind: "memory" }
  | { readonly kind: "stop" };
export type EchoBotAnswer =
  | { readonly kind: "started" }
  | { readonly kind: "marked" }
  /** CPU time of this process since the last `mark`, in µs (the bot keeps running). */
  | { readonly kind: "cpu"; readonly cpuMicros: number }
  | { readonly kind: "memory"; readonly rssBytes: number; readonly heapUsedBytes: number }
  | { readonly kind: "stopped" };
