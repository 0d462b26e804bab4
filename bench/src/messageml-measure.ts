/**
 * Timing for the messageml benchmarks. Rates are per second of this process's CPU time (user +
 * system), not wall time: on a shared machine the wall clock mostly measures the neighbours, while
 * CPU time is what one core spends on the work. Medians of several rounds.
 */
export const quick = process.argv.includes("--quick");
const RUN_MS = quick ? 300 : 1000;
const ROUNDS = quick ? 3 : 5;

export const setup = `Node ${process.version}; per CPU-second of one core, median of ${ROUNDS} rounds of ${RUN_MS} ms`;

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Median operations per CPU-second of `fn`. */
export function opsPerSecond(fn: () => unknown): number {
  for (let i = 0; i < 2000; i++) fn(); // let the JIT settle
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let count = 0;
    const start = process.cpuUsage();
    let ms = 0;
    while (ms < RUN_MS) {
      for (let i = 0; i < 50; i++) fn();
      count += 50;
      ms = cpuMsSince(start);
    }
    rates.push((count / ms) * 1000);
  }
  return median(rates);
}

/** Median CPU milliseconds of one call, for inputs too big to loop on. */
export function msPerCall(fn: () => unknown, repeat = quick ? 3 : 7): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = process.cpuUsage();
    fn();
    times.push(cpuMsSince(start));
  }
  return median(times);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

export const int = (n: number) => Math.round(n).toLocaleString("en-US");
