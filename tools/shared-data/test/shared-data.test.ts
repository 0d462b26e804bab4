import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hasShared, readSharedJson, sharedDir, sharedPath } from "../src/index.ts";

describe("shared data locator", () => {
  it.skipIf(!hasShared())("finds the upstream fixtures beside the repository", () => {
    expect(existsSync(sharedPath("fixtures", "events", "MESSAGESENT.json"))).toBe(true);
    const event = readSharedJson<{ type?: string }[] | { type?: string }>(
      "fixtures",
      "events",
      "MESSAGESENT.json",
    );
    expect(JSON.stringify(event)).toContain("MESSAGESENT");
  });

  it("refuses to build a path when the folder is absent", () => {
    if (sharedDir) return expect(sharedPath("x")).toContain("shared");
    expect(() => sharedPath("x")).toThrow(/absent/);
  });
});
