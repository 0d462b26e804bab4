// The newcomer's path through the READMEs: every relative link in them leads to a file that exists.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const readmes = [
  "README.md",
  "packages/core/README.md",
  "packages/messageml/README.md",
  "packages/symphony/README.md",
  "packages/testing/README.md",
  "packages/emulator/README.md",
  "examples/todo-bot/README.md",
  "examples/poll-bot/README.md",
  "examples/claim-bot/README.md",
  "examples/reminder-bot/README.md",
  "examples/demo-bot/README.md",
  "examples/start/README.md",
];

describe("README links", () => {
  for (const readme of readmes) {
    it(`${readme}: relative links resolve`, () => {
      // Links only: not what code blocks and `inline code` show.
      const text = readFileSync(join(root, readme), "utf8")
        .replace(/```[\s\S]*?```/g, "")
        .replace(/`[^`\n]*`/g, "");
      const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
        .map((m) => m[1]!.split("#")[0]!)
        .filter((target) => target !== "" && !/^[a-z]+:/i.test(target));
      const missing = targets.filter((target) => !existsSync(join(root, dirname(readme), target)));
      expect(missing).toEqual([]);
    });
  }
});
