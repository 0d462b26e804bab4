/**
 * The pod's misbehaviour during the soak, through the emulator's dev API: faults on the bot's
 * calls (5xx bursts, 429 with Retry-After, connections dropped before and after the pod acted),
 * expired sessions, and events delivered twice — the same event again, or under a new id as a
 * second pod would.
 */
import type { DevApi, Fault } from "@sprig/testing/emulator";

const CREATE = "/agent/v4/stream/*/message/create";
const READ = "/agent/v5/datafeeds/*/read";

const FAULTS: ReadonlyArray<{ name: string; fault: Fault }> = [
  { name: "5xx burst", fault: { method: "POST", path: CREATE, status: 503, times: 3 } },
  { name: "5xx burst", fault: { method: "POST", path: READ, status: 500, times: 3 } },
  { name: "5xx burst", fault: { method: "POST", path: CREATE, status: 502, times: 2 } },
  {
    name: "429 Retry-After",
    fault: { method: "POST", path: READ, status: 429, headers: { "Retry-After": "0.2" }, times: 2 },
  },
  {
    name: "429 Retry-After",
    fault: { method: "POST", path: CREATE, status: 429, headers: { "Retry-After": "0.1" } },
  },
  { name: "dropped before", fault: { method: "POST", path: CREATE, drop: true } },
  { name: "dropped before", fault: { method: "POST", path: READ, drop: true } },
  { name: "dropped after", fault: { method: "POST", path: CREATE, dropAfter: true } },
  { name: "dropped after", fault: { method: "POST", path: READ, dropAfter: true } },
];

/** How often each kind of trouble was caused. */
export type ChaosFigures = Record<string, number>;

/** One roll of the dice: maybe a fault, an expiry or a duplicate delivery. */
export async function makeTrouble(dev: DevApi, random: () => number, figures: ChaosFigures): Promise<void> {
  const count = (name: string) => {
    figures[name] = (figures[name] ?? 0) + 1;
  };
  const roll = random();
  if (roll < 0.45) {
    const { name, fault } = FAULTS[Math.floor(random() * FAULTS.length)]!;
    await dev.addFault(fault);
    count(name);
  } else if (roll < 0.6) {
    await dev.expireSessions();
    count("session expired");
  } else if (roll < 0.8) {
    await dev.duplicateNext(1 + Math.floor(random() * 2), "same");
    count("duplicate (same event)");
  } else {
    await dev.duplicateNext(1 + Math.floor(random() * 2), "otherPod");
    count("duplicate (new event id)");
  }
}
