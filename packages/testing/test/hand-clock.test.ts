import { describe, expect, it } from "vitest";
import { handClock } from "../src/index.ts";

describe("handClock", () => {
  it("moves only when advanced; fires a timer once it is due, once, and never a cancelled one", () => {
    const clock = handClock(new Date("2026-01-01T09:00:00Z"));
    const fired: string[] = [];
    clock.schedule(1_000, () => fired.push("a"));
    const cancel = clock.schedule(1_000, () => fired.push("cancelled"));
    clock.schedule(5_000, () => fired.push("b"));
    cancel();

    clock.advance(999);
    expect(fired).toEqual([]);
    expect(clock.now().toISOString()).toBe("2026-01-01T09:00:00.999Z");
    clock.advance(1);
    expect(fired).toEqual(["a"]);
    clock.advance(10_000);
    clock.advance(10_000);
    expect(fired).toEqual(["a", "b"]);
  });

  it("a timer armed while another fires waits for the next advance", () => {
    const clock = handClock(new Date(0));
    const fired: string[] = [];
    clock.schedule(10, () => {
      fired.push("first");
      clock.schedule(0, () => fired.push("armed while firing"));
    });
    clock.advance(10);
    expect(fired).toEqual(["first"]);
    clock.advance(0);
    expect(fired).toEqual(["first", "armed while firing"]);
  });
});
