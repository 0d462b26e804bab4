/**
 * Long messages (≥ 32 KB) print top-level content as soon as it is complete. The output and the
 * message-level checks must be exactly those of printing at the end, which short messages still do.
 */
import { describe, expect, it } from "vitest";
import { MessageMLError, translateMessageML } from "../../src/index.ts";

const ROOT = '<div data-format="PresentationML" data-version="2.0">';
const UNIT =
  'lead text\nwith new line <p>Hello <b>world</b> &amp; <i>x</i></p><table><tr><td colspan="2">a</td></tr></table>' +
  "<ul><li>one</li></ul><pre>keep\nlines</pre><code>c\nd</code><card><header>h</header><body>b</body></card> tail ";

function body(presentationML: string): string {
  expect(presentationML.startsWith(ROOT) && presentationML.endsWith("</div>")).toBe(true);
  return presentationML.slice(ROOT.length, -"</div>".length);
}

describe("printing long messages as they are read", () => {
  it("a long message prints exactly as its parts do when printed at the end", () => {
    const short = body(translateMessageML(`<messageML>${UNIT}</messageML>`).presentationML);
    const copies = Math.ceil(40_000 / UNIT.length);
    const long = translateMessageML(`<messageML>${UNIT.repeat(copies)}</messageML>`).presentationML;
    expect(body(long)).toBe(short.repeat(copies));
  });

  it("content after a form is printed in place (early printing stops, order kept)", () => {
    const form = '<form id="f"><text-field name="t"/><button name="go">Go</button></form>';
    const copies = Math.ceil(20_000 / UNIT.length);
    const input = `<messageML>${UNIT.repeat(copies)}${form}${UNIT.repeat(copies)}</messageML>`;
    const ids = () => "ID";
    const unitOut = body(translateMessageML(`<messageML>${UNIT}</messageML>`).presentationML);
    const formOut = body(
      translateMessageML(`<messageML>${form}</messageML>`, { shortId: ids }).presentationML,
    );
    const out = body(translateMessageML(input, { shortId: ids }).presentationML);
    expect(out).toBe(unitOut.repeat(copies) + formOut + unitOut.repeat(copies));
  });

  it("a chime after long content is still refused", () => {
    const input = `<messageML>${"<p>x</p>".repeat(5000)}<chime src="https://example.org/a.mp3"/></messageML>`;
    expect(() => translateMessageML(input)).toThrow(MessageMLError);
    try {
      translateMessageML(input);
    } catch (e) {
      expect((e as MessageMLError).message).toMatch(/[Cc]hime/);
    }
  });

  it("an invalid element after long printed content still fails the whole message", () => {
    const input = `<messageML>${"<p>x</p>".repeat(5000)}<foo/></messageML>`;
    expect(() => translateMessageML(input)).toThrow('Invalid MessageML content at element "foo"');
  });

  it("entity entries of early-printed content come in document order", () => {
    const input = `<messageML>${'<p><hash tag="a"/><cash tag="B"/></p>'.repeat(2000)}<hash tag="last"/></messageML>`;
    const keys = Object.keys(translateMessageML(input).entityJSON);
    expect(keys.length).toBe(4001);
    expect(keys[0]).toBe("keyword1");
    expect(keys[4000]).toBe("keyword4001");
  });
});
