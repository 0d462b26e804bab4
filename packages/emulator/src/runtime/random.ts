import { randomBytes } from "node:crypto";

/** Source of random bytes for ids and tokens; injectable so tests are deterministic. */
export type RandomBytes = (count: number) => Uint8Array;

const POOL_SIZE = 8192;
let pool = randomBytes(POOL_SIZE);
let used = 0;

/** Crypto-strength bytes, drawn from a pool: one `randomBytes` call per 8 KB instead of per id. */
export const systemRandom: RandomBytes = (count) => {
  if (count > POOL_SIZE) return randomBytes(count);
  if (used + count > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    used = 0;
  }
  used += count;
  return pool.subarray(used - count, used);
};

/** A small deterministic generator (xorshift32) for tests and reproducible runs. */
export function seededRandom(seed: number): RandomBytes {
  let state = seed >>> 0 || 0x9e3779b9;
  return (count) => {
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      out[i] = state & 0xff;
    }
    return out;
  };
}
