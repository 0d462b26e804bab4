import { readdirSync } from "node:fs";
import { hasShared, readShared, readSharedJson, sharedPath } from "@sprig/shared-data";
import { describe, expect, it } from "vitest";
import { translateMessageML } from "../../src/index.ts";
import { dom } from "./dom.ts";
import { testUsers } from "./users.ts";

const EXAMPLES = "messageml-examples/examples";

describe.skipIf(!hasShared())("upstream examples: MessageML → PresentationML → PresentationML", () => {
  const files = hasShared() ? readdirSync(sharedPath(EXAMPLES)).filter((f) => f.endsWith(".xml")) : [];

  it("covers all 16 example messages", () => {
    expect(files).toHaveLength(16);
  });

  for (const file of files) {
    it(`${file} translates, and its PresentationML translates to the same DOM`, () => {
      const source = readShared(EXAMPLES, file);
      const dataFile = file.replace(/\.xml$/, ".json");
      const data = hasData(dataFile)
        ? readSharedJson<Record<string, unknown>>(EXAMPLES, dataFile)
        : undefined;
      const first = translateMessageML(source, { data, userLookup: testUsers });
      expect(first.presentationML.startsWith('<div data-format="PresentationML" data-version="2.0">')).toBe(
        true,
      );
      const second = translateMessageML(first.presentationML, {
        data: first.entityJSON,
        userLookup: testUsers,
      });
      expect(dom(second.presentationML)).toEqual(dom(first.presentationML));
      expect(second.entityJSON).toEqual(first.entityJSON);
    });
  }
});

function hasData(file: string): boolean {
  return readdirSync(sharedPath(EXAMPLES)).includes(file);
}
