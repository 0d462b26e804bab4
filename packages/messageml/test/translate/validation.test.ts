/**
 * Every validation rule of the reference (§1.1, §1.2, §2.1, §2.2), each with the agent's exact
 * message text. Inputs are minimal messages that break exactly one rule.
 */
import { describe, expect, it } from "vitest";
import { MessageMLError, type MessageMLErrorCode, translateMessageML } from "../../src/index.ts";
import { testUsers } from "./users.ts";

const m = (body: string) => `<messageML>${body}</messageML>`;
/** A valid form around `body`. */
const f = (body: string) => m(`<form id="f">${body}<button name="go">Go</button></form>`);

function errorOf(input: string, data?: string | Record<string, unknown>): MessageMLError {
  try {
    translateMessageML(input, { data, userLookup: testUsers });
  } catch (e) {
    if (e instanceof MessageMLError) return e;
    throw e;
  }
  throw new Error(`expected a MessageMLError for ${input}`);
}

type Case = [rule: string, input: string, message: string, data?: string | Record<string, unknown>];

function check(cases: Case[]): void {
  for (const [rule, input, message, data] of cases) {
    it(rule, () => {
      expect(errorOf(input, data).message).toBe(message);
    });
  }
}

describe("§1.1 what the agent does, in order", () => {
  check([
    ["blank message", "  \n ", "Error parsing message: the message cannot be null or empty"],
    [
      "data that is not an object",
      m("x"),
      "Error parsing EntityJSON: provided content is not a JSON object",
      "[1]",
    ],
    [
      "data string holding a non-object",
      m("x"),
      "Error parsing EntityJSON: provided content is not a JSON object",
      '"[1]"',
    ],
    [
      "FreeMarker runtime error",
      m("<p>${missing}</p>"),
      "Error parsing Freemarker template: invalid input at line 1, column 17",
    ],
    ["control character", m("a\u0001b"), "Invalid control characters in message"],
    ["text before the root", "hello", "Invalid messageML: Content is not allowed in prolog."],
    [
      "&nbsp; is not an XML entity",
      m("a&nbsp;b"),
      'Invalid messageML: The entity "nbsp" was referenced, but not declared.',
    ],
    [
      "DOCTYPE",
      `<!DOCTYPE x>${m("a")}`,
      'Invalid messageML: DOCTYPE is disallowed when the feature "http://apache.org/xml/features/disallow-doctype-decl" set to true.',
    ],
    [
      "data-entity-id without data",
      m('<div class="entity" data-entity-id="x">a</div>'),
      'Error processing EntityJSON: no entity data provided for "data-entity-id"="x"',
    ],
    [
      "data-entity-id naming a non-object",
      m('<div class="entity" data-entity-id="x">a</div>'),
      'Error processing EntityJSON: the node "x" has to be an object',
      { x: 1 },
    ],
    [
      "attributes on messageML",
      '<messageML class="a">x</messageML>',
      'Element "messageML" may not have attributes',
    ],
    [
      "PresentationML root without data-format/data-version",
      '<div data-format="PresentationML">x</div>',
      'Malformed PresentationML. The attributes "data-format" and "data-version" are required.',
    ],
    ["any other root", "<p>x</p>", "Root tag must be <messageML> or <div>"],
    [
      "form and dialog ids must be unique",
      m('<form id="a"><button name="b">B</button></form><form id="a"><button name="b">B</button></form>'),
      "Elements must have unique ids. The following value is not unique: [a].",
    ],
    ["unknown tag", m("<blink>x</blink>"), 'Invalid MessageML content at element "blink"'],
    ["unknown attribute", m('<p onclick="x">a</p>'), 'Attribute "onclick" is not allowed in "p"'],
    ["comment", m("<!-- c -->"), 'Invalid element "#comment"'],
    ["CDATA", m("<![CDATA[x]]>"), 'Invalid element "#cdata-section"'],
    [
      "style outside the allow-list",
      m('<p style="position: fixed">a</p>'),
      'Invalid property(s): [position] in the "style" attribute',
    ],
    [
      "first failing element in post-order wins",
      m("<b><p>x</p></b><blink/>"),
      'Element "p" is not allowed in "b"',
    ],
  ]);
});

describe("§1.2 tags, attributes and nesting", () => {
  check([
    ["b holds phrasing only", m("<b><p>x</p></b>"), 'Element "p" is not allowed in "b"'],
    ["i holds phrasing only", m("<i><div>x</div></i>"), 'Element "div" is not allowed in "i"'],
    ["h1 holds phrasing only", m("<h1><ul><li>x</li></ul></h1>"), 'Element "ul" is not allowed in "h1"'],
    ["pre holds phrasing only", m("<pre><table/></pre>"), 'Element "table" is not allowed in "pre"'],
    [
      "code language",
      m('<code language="cobol">x</code>'),
      'Attribute "language" of element "code" can only be one of the following values: [plaintext, c, cpp, csharp, css, html, java, js, jsx, php, python, r, typescript, tsx, markdown, json, scala, shell, yaml].',
    ],
    ["code holds phrasing or pre", m("<code><p>x</p></code>"), 'Element "p" is not allowed in "code"'],
    ["a needs href", m("<a>x</a>"), 'The attribute "href" is required'],
    ["a href not empty", m('<a href="">x</a>'), 'The attribute "href" cannot be empty'],
    ["a href absolute", m('<a href="/x">x</a>'), 'The attribute "href" must contain an absolute URI'],
    [
      "a href scheme",
      m('<a href="javascript:alert(1)">x</a>'),
      'URI scheme "javascript" is not supported by the pod.',
    ],
    [
      "a href a URI",
      m('<a href="http://a b">x</a>'),
      'Invalid input: href must be a URI value not "http://a b"',
    ],
    ["img needs src", m("<img/>"), 'The attribute "src" is required'],
    [
      "img is empty",
      m('<img src="http://x/i.png">x</img>'),
      'Element "img" may not have child elements or text content',
    ],
    ["br takes no attributes", m('<br class="x"/>'), 'Attribute "class" is not allowed in "br"'],
    ["hr is empty", m("<hr>x</hr>"), 'Element "hr" may not have child elements or text content'],
    ["ul has no text", m("<ul>x<li>a</li></ul>"), 'Element "ul" may not have text content'],
    ["ul only li", m("<ul><p>a</p></ul>"), 'Element "p" is not allowed in "ul"'],
    [
      "ul at least one li",
      m("<ul> </ul>"),
      'The "ul" element must have at least one child that is any of the following elements: [listitem].',
    ],
    [
      "ol at least one li",
      m("<ol></ol>"),
      'The "ol" element must have at least one child that is any of the following elements: [listitem].',
    ],
    [
      "li parent",
      m("<li>x</li>"),
      'Element "li" can only be a child of the following elements: [orderedlist, bulletlist]',
    ],
    ["table content", m("<table><td>x</td></table>"), 'Element "td" is not allowed in "table"'],
    ["table text", m("<table>x</table>"), 'Element "table" may not have text content'],
    [
      "thead only tr",
      m("<table><thead><td>x</td></thead></table>"),
      'Element "td" is not allowed in "thead"',
    ],
    ["tbody only tr", m("<table><tbody><p>x</p></tbody></table>"), 'Element "p" is not allowed in "tbody"'],
    ["tfoot only tr", m("<table><tfoot>x</tfoot></table>"), 'Element "tfoot" may not have text content'],
    ["tr only th/td", m("<table><tr><p>x</p></tr></table>"), 'Element "p" is not allowed in "tr"'],
    [
      "td colspan is an int64",
      m('<table><tr><td colspan="6 px">x</td></tr></table>'),
      'Invalid input: colspan must be a int64 value not "6 px"',
    ],
    [
      "td rowspan is an int64",
      m('<table><tr><td rowspan="x">x</td></tr></table>'),
      'Invalid input: rowspan must be a int64 value not "x"',
    ],
    [
      "th has no spans",
      m('<table><tr><th colspan="2">x</th></tr></table>'),
      'Attribute "colspan" is not allowed in "th"',
    ],
    [
      "div data-entity-id needs class entity",
      m('<div data-entity-id="x">a</div>'),
      'The attribute "data-entity-id" is only allowed if the element class is "entity".',
      { x: {} },
    ],
    [
      "span class entity needs data-entity-id",
      m('<span class="entity">a</span>'),
      'The attribute "data-entity-id" is required',
    ],
    [
      "div data-icon-src needs first class card",
      m('<div data-icon-src="x">a</div>'),
      'The attribute "data-icon-src" is only allowed if the element class is "card".',
    ],
    [
      "div data-state needs first class expandable-card",
      m('<div class="x" data-state="collapsed">a</div>'),
      'The attribute "data-state" is only allowed if the element class is "expandable-card".',
    ],
    [
      "shorthand tag in PresentationML",
      '<div data-format="PresentationML" data-version="2.0"><card/></div>',
      'Shorthand tag "card" is not allowed in PresentationML',
    ],
    [
      "mention in PresentationML",
      '<div data-format="PresentationML" data-version="2.0"><mention uid="1"/></div>',
      'Shorthand tag "mention" is not allowed in PresentationML',
    ],
    ["mention of an unknown user", m('<mention uid="42"/>'), 'Failed to lookup user "42"'],
    [
      "mention uid is an int64",
      m('<mention uid="abc"/>'),
      'Invalid input: uid must be a int64 value not "abc"',
    ],
    ["mention class", m('<mention uid="1" class="x"/>'), 'Attribute "class" is not allowed in "mention"'],
    [
      "hash tag pattern",
      m('<hash tag="a b"/>'),
      "Values of the attribute 'tag' for the element 'hash' must match the pattern [\\S]*[^\\s!@#$%^&*()+=<>,./?`~:;'\"\\\\|-]+[\\S]*$.",
    ],
    ["hash needs tag", m("<hash/>"), 'The attribute "tag" is required'],
    ["cash needs tag", m("<cash/>"), 'The attribute "tag" is required'],
    ["emoji needs shortcode", m("<emoji/>"), 'Either the attribute "shortcode" or "annotation" are required'],
    [
      "emoji shortcode characters",
      m('<emoji shortcode="a b"/>'),
      "Shortcode or Annotation parameter may only contain alphanumeric characters, underscore, plus sign and dash",
    ],
    [
      "emoji takes no class",
      m('<emoji shortcode="x" class="y"/>'),
      'Attribute "class" is not allowed in "emoji"',
    ],
    ["dateTime needs value", m("<dateTime/>"), 'The attribute "value" is required'],
    [
      "dateTime value format",
      m('<dateTime value="2024-12-31"/>'),
      'Attribute "value" has invalid date format',
    ],
    [
      "dateTime format values",
      m('<dateTime value="2024-12-31T09:29:47Z" format="long"/>'),
      'Attribute "format" of element "dateTime" can only be one of the following values: [date_time, date, time, time_secs].',
    ],
    [
      "tag needs fallback-ticker",
      m('<tag isin="US0378331005"/>'),
      'No instrument found , "fallback-ticker" attribute is required',
    ],
    [
      "chime inside an element",
      m("<p><chime/></p>"),
      'Element "chime" has to be the only element in the message.',
    ],
    ["chime with other content", m("<chime/><p>x</p>"), "Chime messages may not have any other content"],
    ["chime is empty", m("<chime>x</chime>"), 'Element "chime" may not have child elements or text content'],
    [
      "header outside card",
      m("<header>x</header>"),
      'Element "header" can only be a child of the following elements: [card]',
    ],
    [
      "body outside card",
      m("<body>x</body>"),
      'Element "body" can only be a child of the following elements: [card]',
    ],
    [
      "header takes no attributes",
      m('<card><header class="x">h</header></card>'),
      'Attribute "class" is not allowed in "header"',
    ],
    [
      "expandable-card needs state",
      m("<expandable-card><body>b</body></expandable-card>"),
      'The attribute "state" is required',
    ],
    [
      "expandable-card state values",
      m('<expandable-card state="open"><body>b</body></expandable-card>'),
      'Attribute "state" of element "expandable-card" can only be one of the following values: [collapsed, cropped, expanded].',
    ],
    [
      "expandable-card body variant",
      m('<expandable-card state="expanded"><body variant="x">b</body></expandable-card>'),
      'Attribute "variant" of element "body" can only be one of the following values: [default, error].',
    ],
  ]);
});

describe("§2.1 rules common to form elements", () => {
  check([
    [
      "form elements live in a form",
      m('<text-field name="t"/>'),
      'Element "text-field" can only be a inner child of the following elements: [form]',
    ],
    [
      "boolean attributes are true/false",
      f('<select name="s" required="yes"><option value="a">A</option></select>'),
      'Attribute "required" of element "select" can only be one of the following values: [true, false].',
    ],
    [
      "label at most 256",
      f(`<text-field name="t" label="${"x".repeat(257)}"/>`),
      "The attribute label value is too long. Max length is: 256",
    ],
    [
      "title at most 256",
      f(`<textarea name="t" title="${"x".repeat(257)}"/>`),
      "The attribute title value is too long. Max length is: 256",
    ],
    [
      "pattern must compile",
      f('<text-field name="t" pattern="(" pattern-error-message="e"/>'),
      'The regex "(" is not valid',
    ],
    [
      "pattern needs pattern-error-message",
      f('<text-field name="t" pattern="a+"/>'),
      'The attribute "pattern-error-message" is mandatory when attribute "pattern" is defined',
    ],
    [
      "pattern at most 256",
      f(`<textarea name="t" pattern="${"a".repeat(257)}" pattern-error-message="e"/>`),
      'The attribute "pattern" value is too long. Max length for this attribute is: 256',
    ],
    [
      "formnovalidate is boolean",
      f('<text-field name="x" formnovalidate="maybe"/>'),
      'Attribute "formnovalidate" of element "text-field" can only be one of the following values: [true, false].',
    ],
  ]);
});

describe("§2.2 elements", () => {
  check([
    ["form id required", m('<form><button name="b">B</button></form>'), 'The attribute "id" is required'],
    [
      "form inside form",
      m('<form id="a"><form id="b"><button name="b">B</button></form><button name="c">C</button></form>'),
      'Element "form" cannot be an inner child of the following elements: [form]',
    ],
    [
      "form at most 50 checkboxes",
      f('<checkbox name="c">x</checkbox>'.repeat(51)),
      'Element "form" cannot have more than 50 children of the following elements: [checkbox, radio].',
    ],
    [
      "form needs an action button",
      m('<form id="f"><button type="reset">R</button></form>'),
      "The form with id 'f' should have at least one action button",
    ],
    [
      "form takes no class",
      m('<form id="f" class="x"><button name="b">B</button></form>'),
      'Attribute "class" is not allowed in "form"',
    ],
    [
      "form multi-submit values",
      m('<form id="f" multi-submit="always"><button name="b">B</button></form>'),
      'Attribute "multi-submit" of element "form" can only be one of the following values: [reset, no-reset].',
    ],
    [
      "button type",
      f('<button name="b" type="submit">B</button>'),
      'Attribute "type" must be "action", "reset" or "cancel"',
    ],
    [
      "action button needs a name",
      f("<button>B</button>"),
      'Attribute "name" is required for action buttons',
    ],
    [
      "cancel button needs a name",
      f('<button type="cancel">B</button>'),
      'Attribute "name" is required for cancel buttons',
    ],
    [
      "reset button has no name",
      f('<button type="reset" name="r">R</button>'),
      'Attribute "name" is allowed for action buttons only',
    ],
    [
      "button text not empty",
      f('<button name="b"></button>'),
      'The "button" element must have at least one child that is any of the following elements: [text content].',
    ],
    [
      "button holds text only",
      f('<button name="b"><b>x</b></button>'),
      'Element "b" is not allowed in "button"',
    ],
    [
      "button takes no style",
      f('<button name="b" style="color: red">B</button>'),
      'Attribute "style" is not allowed in "button"',
    ],
    [
      "button class values",
      f('<button name="b" class="huge">B</button>'),
      'Attribute "class" must be "primary", "secondary", "tertiary" or "destructive" ("primary-destructive" and "secondary-destructive" are deprecated)',
    ],
    [
      "button outside form and ui-action",
      m('<button name="b">B</button>'),
      'Element "button" can only be a inner child of the following elements: [form, uiaction]',
    ],
    [
      "button inside ui-action takes no type/name",
      m('<ui-action action="open-im" user-ids="[1]"><button name="b">B</button></ui-action>'),
      'Attributes "type" and "name" are not allowed on a button inside a UIAction.',
    ],
    ["text-field name required", f("<text-field/>"), 'The attribute "name" is required'],
    ["text-field name not blank", f('<text-field name=" "/>'), 'The attribute "name" is required'],
    [
      "text-field maxlength range",
      f('<text-field name="t" maxlength="200"/>'),
      'The attribute "maxlength" must be between 1 and 128',
    ],
    [
      "text-field minlength below maxlength",
      f('<text-field name="t" minlength="10" maxlength="5"/>'),
      'The attribute "minlength" must be lower than the "maxlength" attribute',
    ],
    [
      "text-field initial value length",
      f(`<text-field name="t">${"x".repeat(129)}</text-field>`),
      "The length of this text-field's initial value must be between 1 and 128",
    ],
    [
      "text-field maxlength a number",
      f('<text-field name="t" maxlength="ten"/>'),
      'The attribute "maxlength" must be a valid number.',
    ],
    [
      "text-field masked boolean",
      f('<text-field name="t" masked="1"/>'),
      'Attribute "masked" of element "text-field" can only be one of the following values: [true, false].',
    ],
    [
      "textarea lengths 0..10000",
      f('<textarea name="t" maxlength="10001"/>'),
      'The attribute "maxlength" must be between 0 and 10000',
    ],
    [
      "textarea rows",
      f('<textarea name="t" rows="-1"/>'),
      'Attribute "rows" is not valid, it must be an integer >= 0',
    ],
    [
      "textarea cols",
      f('<textarea name="t" cols="x"/>'),
      'Attribute "cols" is not valid, it must be an integer >= 0',
    ],
    [
      "textarea holds text only",
      f('<textarea name="t"><b>x</b></textarea>'),
      'Element "b" is not allowed in "textarea"',
    ],
    ["richtextarea name", f("<richtextarea/>"), 'The attribute "name" is required'],
    ["checkbox name required", f("<checkbox>x</checkbox>"), 'The attribute "name" is required'],
    [
      "checkbox content",
      f('<checkbox name="c"><p>x</p></checkbox>'),
      'Element "p" is not allowed in "checkbox"',
    ],
    [
      "checkbox checked boolean",
      f('<checkbox name="c" checked="yes">x</checkbox>'),
      'Attribute "checked" of element "checkbox" can only be one of the following values: [true, false].',
    ],
    ["radio name required", f("<radio>x</radio>"), 'The attribute "name" is required'],
    [
      "select needs an option",
      f('<select name="s"></select>'),
      'The "select" element must have at least one child that is any of the following elements: [option].',
    ],
    [
      "select one selected option",
      f(
        '<select name="s"><option value="a" selected="true">A</option><option value="b" selected="true">B</option></select>',
      ),
      'Element "select" can only have one selected "option"',
    ],
    [
      "select min needs multiple",
      f('<select name="s" min="1"><option value="a">A</option></select>'),
      'Attribute "min" is not allowed. Attribute "multiple" missing',
    ],
    [
      "select min not above max",
      f('<select name="s" multiple="true" min="3" max="2"><option value="a">A</option></select>'),
      'Attribute "min" is greater than attribute "max"',
    ],
    [
      "select min 0 with required",
      f('<select name="s" multiple="true" required="true" min="0"><option value="a">A</option></select>'),
      'Attribute "min" cannot be 0 if "required" is true',
    ],
    [
      "select holds options only",
      f('<select name="s"><p>x</p></select>'),
      'Element "p" is not allowed in "select"',
    ],
    [
      "option needs value",
      f('<select name="s"><option>A</option></select>'),
      'The attribute "value" is required',
    ],
    [
      "option needs text",
      f('<select name="s"><option value="a"></option></select>'),
      'The "option" element must have at least one child that is any of the following elements: [text content].',
    ],
    [
      "person-selector value",
      f('<person-selector name="p" value="[abc]"/>'),
      'Attribute "value" contains an unsupported format, should be an array of user ids',
    ],
    [
      "person-selector no content",
      f('<person-selector name="p">x</person-selector>'),
      'Element "person-selector" may not have child elements or text content',
    ],
    [
      "room-selector value",
      f('<room-selector name="r" value="{}"/>'),
      'Attribute "value" contains an unsupported format, should be an array of room ids',
    ],
    [
      "date-picker value format",
      f('<date-picker name="d" value="28/08/2020"/>'),
      'Attribute "value" has invalid date format',
    ],
    [
      "date-picker interval dates",
      f(`<date-picker name="d" disabled-date='[{"day": "2021-13-01"}]'/>`),
      '"2021-13-01" is not a valid date in ISO_8601 format',
    ],
    [
      "date-picker daysOfWeek range",
      f(`<date-picker name="d" disabled-date='[{"daysOfWeek": [7]}]'/>`),
      "'daysOfWeek' out of range [0-6]",
    ],
    [
      "date-picker interval kind",
      f(`<date-picker name="d" highlighted-date='[{"day": "2021-01-01", "from": "2021-01-01"}]'/>`),
      "Date interval 'type' is unknown or null",
    ],
    [
      "date-picker label at most 64",
      f(`<date-picker name="d" label="${"x".repeat(65)}"/>`),
      'The attribute "label" length is bigger than maximum allowed [64]',
    ],
    [
      "date-picker format letters",
      f('<date-picker name="d" format="EEE dd"/>'),
      "Attribute \"format\" contains an unsupported date format, only 'M', 'd' and 'y' are supported with a space or '.','-','/',':' as separator",
    ],
    [
      "time-picker min format",
      f('<time-picker name="t" min="8:00"/>'),
      'Attribute "min" has invalid time format, only HH:mm:ss format is allowed',
    ],
    [
      "time-picker step range",
      f('<time-picker name="t" step="60"/>'),
      'Attribute "step" must be less than "43200" and more than "600".',
    ],
    [
      "time-picker step number",
      f('<time-picker name="t" step="ten"/>'),
      'Attribute "step" should be a number.',
    ],
    [
      "time-picker disabled-time",
      f(`<time-picker name="t" disabled-time='[{"time": "25:00:00"}]'/>`),
      '"25:00:00" is not a valid time, only HH:mm:ss format is allowed',
    ],
    [
      "timezone-picker value",
      f('<timezone-picker name="z" value="Mars/Olympus"/>'),
      'Attribute "value" contains an invalid timezone: Mars/Olympus',
    ],
    [
      "timezone-picker disabled-timezone",
      f(`<timezone-picker name="z" disabled-timezone='["Europe/Paris", "Nowhere/Land"]'/>`),
      'Attribute "disabled-timezone" contains an invalid timezone: Nowhere/Land',
    ],
    [
      "timezone-picker disabled-timezone json",
      f(`<timezone-picker name="z" disabled-timezone='{"a": 1}'/>`),
      'Error parsing json in attribute "disabled-timezone". It should contain an array of Strings',
    ],
    [
      "ui-action needs action",
      m('<ui-action user-ids="[1]"><button>x</button></ui-action>'),
      'The attribute "action" is required',
    ],
    [
      "ui-action only buttons",
      m('<ui-action action="open-im" user-ids="[1]"><p>x</p></ui-action>'),
      'Element "p" is not allowed in "ui-action"',
    ],
    [
      "ui-action stream-id xor user-ids",
      m('<ui-action action="open-im" user-ids="[1]" stream-id="s"><button>x</button></ui-action>'),
      'Only one between "stream-id" and "user-ids" is allowed',
    ],
    [
      "ui-action at most 15 user ids",
      m(
        `<ui-action action="open-im" user-ids="[${Array.from({ length: 16 }, (_, i) => i + 1).join(",")}]"><button>x</button></ui-action>`,
      ),
      'Attribute "user-ids" contains more values than allowed. Max value is 15',
    ],
    [
      "ui-action target-id needs a matching dialog sibling",
      m('<ui-action action="open-dialog" target-id="d"><button>x</button></ui-action>'),
      "ui-action with a target-id must have only one dialog sibling with a matching id",
    ],
    [
      "dialog id without whitespace",
      m('<dialog id="a b"><title>t</title><body>b</body></dialog>'),
      'The attribute "id" is required and must not contain any whitespace',
    ],
    [
      "dialog width values",
      m('<dialog id="d" width="huge"><title>t</title><body>b</body></dialog>'),
      'Attribute "width" of element "dialog" can only be one of the following values: [small, medium, large, full-width].',
    ],
    [
      "dialog needs a title",
      m('<dialog id="d"><body>b</body></dialog>'),
      'The "dialog" element must have at least one child that is any of the following elements: [title].',
    ],
    [
      "dialog form and nothing else",
      m('<dialog id="d"><form id="f"><title>t</title><body>b</body></form><p>x</p></dialog>'),
      `A "dialog" element can't contain a "form" element and any other element.`,
    ],
    [
      "title outside a dialog",
      m("<title>t</title>"),
      'Element "title" can only be a child of the following elements: [dialog]',
    ],
  ]);
});

describe("error codes", () => {
  const cases: [string, MessageMLErrorCode, string?][] = [
    ["", "EMPTY_MESSAGE"],
    [m("a\u0002"), "CONTROL_CHARACTERS"],
    ["<messageML>", "INVALID_XML"],
    [m("<blink/>"), "INVALID_MESSAGEML"],
    [m("x"), "INVALID_ENTITY_JSON", "{"],
    [m('<div class="entity" data-entity-id="q">x</div>'), "ENTITY_DATA"],
    [m("${missing}"), "TEMPLATE_ERROR"],
  ];
  for (const [input, code, data] of cases) {
    it(`${code} for ${JSON.stringify(input).slice(0, 40)}`, () => {
      expect(errorOf(input, data).code).toBe(code);
    });
  }
});
