/**
 * Step 6 for one element: each `data-entity-id` must name an object somewhere in the data
 * (Jackson `findPath`, any depth). Run on every element in document order.
 */
import { MessageMLError } from "../errors.ts";
import { type EntityIndex, isObject } from "./json-lookup.ts";
import type { XmlElement } from "./xml-tree.ts";

export function checkEntityIds(x: XmlElement, index: EntityIndex): void {
  for (const [name, id] of x.attributes) {
    if (name !== "data-entity-id") continue;
    const { found, value } = index.findPath(id);
    if (!found) {
      throw new MessageMLError(
        "ENTITY_DATA",
        `Error processing EntityJSON: no entity data provided for "data-entity-id"="${id}"`,
      );
    }
    if (!isObject(value)) {
      throw new MessageMLError(
        "ENTITY_DATA",
        `Error processing EntityJSON: the node "${id}" has to be an object`,
      );
    }
  }
}
