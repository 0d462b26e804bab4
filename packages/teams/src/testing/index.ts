// Test helpers of @sprig/teams: the StateStore contract, for every store implementation.
export { stateStoreContract } from "./state-store-contract.ts";
