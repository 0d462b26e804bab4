/**
 * Byte-identical output on large inputs: the SHA-256 of what translateMessageML and
 * parsePresentationML produce for ~300 KB generated messages, recorded before the speed work on
 * large inputs. Any change to the output (order, escaping, ids, tree shape) changes a digest.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parsePresentationML, translateMessageML } from "../../src/index.ts";
import { testUsers } from "../translate/users.ts";
import { LARGE_DATA, LARGE_PML_DATA, largeMessageML, largePresentationML } from "./corpus.ts";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe("large inputs keep their exact output", () => {
  it("translateMessageML: PresentationML and entity JSON of a ~300 KB varied message", () => {
    let n = 0;
    const input = largeMessageML(300_000);
    const result = translateMessageML(input, {
      data: LARGE_DATA,
      userLookup: testUsers,
      shortId: () => `ID${++n}`,
    });
    expect(result.presentationML.length).toBe(445_116);
    expect(sha256(result.presentationML)).toBe(
      "20661d6b8883c8a8871ad506ae8661334ba36886f6cacea905510913761f43e5",
    );
    expect(Object.keys(result.entityJSON).length).toBe(1525);
    expect(sha256(JSON.stringify(result.entityJSON))).toBe(
      "fcd62125928903cba5dba41e7ae2704fd722135e2fd87b9bfebe7b62e66d2c25",
    );
  });

  it("translateMessageML: the benchmark's size-sweep message", () => {
    const unit =
      '<p>Hello <b>world</b> &amp; friends, see <a href="https://example.org/x">this</a> <hash tag="news"/></p>' +
      '<table><tr><td colspan="2">cell</td><td>cell</td></tr></table><ul><li>one</li><li>two</li></ul>';
    const result = translateMessageML(`<messageML>${unit.repeat(1000)}</messageML>`);
    expect(sha256(result.presentationML)).toBe(
      "6da35664c2d67217f2a0bf520b1b9b7976eed95e8e676a74e56c6a13bafae316",
    );
    expect(sha256(JSON.stringify(result.entityJSON))).toBe(
      "337377a67dfa70e28737a05f5ee514fdc7238c7b795cb1ccc0b5c0d596f72ba4",
    );
  });

  it("parsePresentationML: ~300 KB well-formed message (fast scanner)", () => {
    const tree = parsePresentationML(largePresentationML(300_000, true), LARGE_PML_DATA);
    expect(sha256(JSON.stringify(tree))).toBe(
      "fafd5ad16617c4805928464dc494d1ef7b94dac8de28090f34556ef5c111804a",
    );
  });

  it("parsePresentationML: ~300 KB message with broken markup (lenient tokenizer)", () => {
    const tree = parsePresentationML(largePresentationML(300_000), LARGE_PML_DATA);
    expect(sha256(JSON.stringify(tree))).toBe(
      "3bdc7f92286f56f230a9bc522f52d966c71ad39050fdf5b2f884333b96a09a00",
    );
  });
});

describe("very many blocks", () => {
  it("300,000 paragraphs inside a wrapper div read back as paragraphs (no argument-spread overflow)", () => {
    const tree = parsePresentationML(`<div><div>${"<p>x</p>".repeat(300_000)}</div></div>`);
    expect(tree.children.length).toBe(300_000);
    expect(tree.children[299_999]).toEqual({ type: "paragraph", children: [{ type: "text", text: "x" }] });
  });
});
