import { MemoryDedupeStore } from "@sprig/core";
import { dedupeStoreContract } from "@sprig/testing/contracts";

let now = 0;
dedupeStoreContract("memory", {
  store: () => new MemoryDedupeStore(1000, { now: () => now }),
  passTime: async (ms) => {
    now += ms;
  },
  leaseMs: 100,
});
