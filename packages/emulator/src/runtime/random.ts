import { randomBytes } from "node:crypto";

/** Source of random bytes for ids and tokens; injectable so tests are deterministic. */
export type RandomBytes = (count: number) => Uint8Array;

export const systemRandom: RandomBytes = (count) => randomBytes(count);

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
