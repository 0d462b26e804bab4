/**
 * The XML is read straight into the element tree, but errors must still come in the agent's order:
 * the whole document parses first (XML errors), then every data-entity-id is checked, then the root
 * tag, then the tree is built. Each case puts an earlier-step fault AFTER a later-step one.
 */
import { describe, expect, it } from "vitest";
import { MessageMLError, type MessageMLErrorCode, translateMessageML } from "../../src/index.ts";

function failure(input: string, data?: Record<string, unknown>): [MessageMLErrorCode, string] {
  try {
    translateMessageML(input, { data });
  } catch (e) {
    if (e instanceof MessageMLError) return [e.code, e.message];
    throw e;
  }
  throw new Error(`expected a MessageMLError for ${input}`);
}

describe("error order with the one-pass reader", () => {
  it("an XML fault at the end wins over an invalid element before it", () => {
    expect(failure("<messageML><foo/><b>x</messageML>")[0]).toBe("INVALID_XML");
  });

  it("an XML fault at the end wins over a comment before it", () => {
    expect(failure("<messageML><!-- c --><b>x</messageML>")[0]).toBe("INVALID_XML");
  });

  it("a missing entity id at the end wins over an invalid element before it", () => {
    expect(failure('<messageML><foo/><span class="entity" data-entity-id="m">x</span></messageML>')).toEqual([
      "ENTITY_DATA",
      'Error processing EntityJSON: no entity data provided for "data-entity-id"="m"',
    ]);
  });

  it("a missing entity id wins over a wrong root tag", () => {
    expect(failure('<bogus><span data-entity-id="m"/></bogus>')[0]).toBe("ENTITY_DATA");
  });

  it("the first of several missing entity ids is reported (document order)", () => {
    const input = '<messageML><p><span data-entity-id="a"/></p><span data-entity-id="b"/></messageML>';
    expect(failure(input)[1]).toContain('"data-entity-id"="a"');
  });

  it("a wrong root tag wins over an invalid element inside it", () => {
    expect(failure("<bogus><foo/></bogus>")[1]).toBe("Root tag must be <messageML> or <div>");
  });

  it("the first invalid element in post-order wins", () => {
    expect(failure("<messageML><p><foo/></p><bar/></messageML>")[1]).toContain('"foo"');
  });

  it("text split by entity references stays one text node (pre keeps it whole)", () => {
    const r = translateMessageML("<messageML><pre>a&amp;b&lt;c\n d</pre>e&#65;f</messageML>");
    expect(r.presentationML).toBe(
      '<div data-format="PresentationML" data-version="2.0"><pre>a&amp;b&lt;c\n d</pre>eAf</div>',
    );
  });
});
