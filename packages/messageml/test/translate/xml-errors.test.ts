/** Strict XML faults give Xerces' SAX texts after `Invalid messageML: `, as the agent returns them. */
import { describe, expect, it } from "vitest";
import { MessageMLError, translateMessageML } from "../../src/index.ts";

const CASES: [string, string][] = [
  ["hello", "Content is not allowed in prolog."],
  ["<messageML>a</messageML>x", "Content is not allowed in trailing section."],
  ["<messageML><b>x</messageML>", 'The element type "b" must be terminated by the matching end-tag "</b>".'],
  ["<messageML><p>", "XML document structures must start and end within the same entity."],
  ["<messageML>&nbsp;</messageML>", 'The entity "nbsp" was referenced, but not declared.'],
  [
    "<messageML>Tom & Jerry</messageML>",
    "The entity name must immediately follow the '&' in the entity reference.",
  ],
  ["<messageML>&foo bar</messageML>", "The reference to entity \"foo\" must end with the ';' delimiter."],
  ["<messageML>&#1;</messageML>", 'Character reference "&#1" is an invalid XML character.'],
  [
    "<messageML><p a=b/></messageML>",
    'Open quote is expected for attribute "a" associated with an  element type  "p".',
  ],
  [
    "<messageML><p a/></messageML>",
    'Attribute name "a" associated with an element type "p" must be followed by the \' = \' character.',
  ],
  ["<messageML><p a='1' a='2'/></messageML>", 'Attribute "a" was already specified for element "p".'],
  [
    "<messageML><p a='<'/></messageML>",
    'The value of attribute "a" associated with an element type "p" must not contain the \'<\' character.',
  ],
  ["<messageML/><messageML/>", "The markup in the document following the root element must be well-formed."],
  ["</p>", "The markup in the document preceding the root element must be well-formed."],
  [
    "<messageML><></messageML>",
    "The content of elements must consist of well-formed character data or markup.",
  ],
  [
    "<!DOCTYPE x><messageML/>",
    'DOCTYPE is disallowed when the feature "http://apache.org/xml/features/disallow-doctype-decl" set to true.',
  ],
  [
    "<messageML>]]></messageML>",
    'The character sequence "]]>" must not appear in content unless used to mark the end of a CDATA section.',
  ],
  [
    " <?xml version='1.0'?><messageML/>",
    'The processing instruction target matching "[xX][mM][lL]" is not allowed.',
  ],
  [
    "<messageML>\uFFFE</messageML>",
    "An invalid XML character (Unicode: 0xfffe) was found in the element content of the document.",
  ],
];

describe("XML errors with Xerces' texts", () => {
  for (const [input, message] of CASES) {
    it(message, () => {
      let error: unknown;
      try {
        translateMessageML(input);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(MessageMLError);
      expect((error as MessageMLError).code).toBe("INVALID_XML");
      expect((error as MessageMLError).message).toBe(`Invalid messageML: ${message}`);
    });
  }

  it("an XML declaration at the very start is fine", () => {
    expect(
      translateMessageML("<?xml version='1.0' encoding='UTF-8'?><messageML>x</messageML>").presentationML,
    ).toBe('<div data-format="PresentationML" data-version="2.0">x</div>');
  });

  it("the five XML entities and character references are known", () => {
    expect(
      translateMessageML("<messageML>&lt;&gt;&amp;&quot;&apos;&#160;&#x41;</messageML>").presentationML,
    ).toBe('<div data-format="PresentationML" data-version="2.0">&lt;&gt;&amp;&quot;\'\u00a0A</div>');
  });
});
