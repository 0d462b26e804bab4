/** The in-memory state store runs the StateStore contract (as the file and Redis stores do). */
import { MemoryStateStore } from "../../src/index.ts";
import { stateStoreContract } from "../../src/testing/index.ts";

stateStoreContract("memory", () => new MemoryStateStore());
