/** The `style` attribute allow-list of the agent (`Styles.java`). */
import { invalid } from "./invalid.ts";

const ALLOWED = new Set(
  (
    "align-content align-items align-self background background-attachment background-blend-mode background-clip " +
    "background-color background-image background-position background-repeat background-size border border-bottom " +
    "border-bottom-color border-bottom-left-radius border-bottom-right-radius border-bottom-style border-bottom-width " +
    "border-collapse border-color border-image border-image-outset border-image-repeat border-image-slice " +
    "border-image-source border-image-width border-left border-left-color border-left-style border-left-width " +
    "border-radius border-right border-right-color border-right-style border-right-width border-spacing border-style " +
    "border-top border-top-color border-top-left-radius border-top-right-radius border-top-style border-top-width " +
    "border-width box-shadow box-sizing caption-side clear color content counter-increment counter-reset display " +
    "empty-cells flex flex-basis flex-direction flex-flow flex-grow flex-shrink flex-wrap font font-family " +
    "font-kerning font-size font-size-adjust font-stretch font-style font-variant font-weight gap grid grid-area " +
    "grid-auto-columns grid-auto-flow grid-auto-rows grid-column grid-column-end grid-column-gap grid-column-start " +
    "grid-gap grid-row grid-row-end grid-row-gap grid-row-start grid-template grid-template-areas " +
    "grid-template-columns grid-template-rows height justify-content justify-items justify-self letter-spacing " +
    "line-height list-style list-style-image list-style-position list-style-type margin margin-bottom margin-left " +
    "margin-right margin-top max-height max-width min-height min-width opacity outline outline-color outline-offset " +
    "outline-style outline-width overflow overflow-x overflow-y padding padding-bottom padding-left padding-right " +
    "padding-top place-content place-items place-self table-layout text-align text-align-last text-decoration " +
    "text-decoration-color text-decoration-line text-decoration-style text-indent text-justify text-overflow " +
    "text-shadow text-transform visibility white-space width word-break word-spacing word-wrap"
  ).split(" "),
);

/** Throws the agent's message for a style with a property outside the allow-list. */
export function validateStyle(style: string): void {
  const unknown = new Set<string>();
  // Split on `;` except inside a data URI (`;base64,`), as the agent does.
  for (const chunk of style.split(/;(?!base64,)/)) {
    if (chunk.trim() === "") continue;
    const colon = chunk.indexOf(":");
    if (colon === -1) invalid(`Unparseable "style" attribute: ${style}`);
    const property = chunk.slice(0, colon).trim();
    if (!ALLOWED.has(property)) unknown.add(property);
  }
  if (unknown.size > 0) invalid(`Invalid property(s): [${[...unknown].join(",")}] in the "style" attribute`);
}
