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
  /** Count what the bot does (reads, sends, claims by answer…) from now until `counts` (`bot-counters.ts`). */
  | { readonly kind: "count" }
  | { readonly kind: "counts" }
  /** Profile the CPU from now until `profiled` (`cpu-profile.ts`). */
  | { readonly kind: "profile" }
  | { readonly kind: "profiled" }
  | { readonly kind: "stop" };
export type EchoBotAnswer =
  | { readonly kind: "started" }
  | { readonly kind: "marked" }
  /** CPU time of this process since the last `mark`, in µs (the bot keeps running); of it, in the kernel. */
  | { readonly kind: "cpu"; readonly cpuMicros: number; readonly systemMicros: number }
  | { readonly kind: "memory"; readonly rssBytes: number; readonly heapUsedBytes: number }
  | { readonly kind: "counting" }
  /** `scripts`: the name of each Redis script the bot defined, by digest (it combines them as it runs). */
  | {
      readonly kind: "counts";
      readonly counts: Record<string, number>;
      readonly scripts: Record<string, string>;
    }
  | { readonly kind: "profiling" }
  /** Self time (µs) by function, largest first. */
  | { readonly kind: "profiled"; readonly selfMicros: Array<[string, number]> }
  | { readonly kind: "stopped" };
