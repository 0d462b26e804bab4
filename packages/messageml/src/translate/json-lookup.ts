/**
 * Jackson's recursive field lookups, which the agent uses to find `data-entity-id` entries at ANY
 * depth of the entity JSON (so entities generated inside a structured object, e.g. `mention1` under
 * `jiraUpdated`, are found again when the PresentationML is sent back). Iterative: entity JSON may
 * be deep.
 */

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `JsonNode.findPath(name)`: depth-first, each field checked before descending into it. */
export function findPath(root: Json, name: string): { found: boolean; value: Json } {
  // Stack of iterators reproduces the recursive order without recursion.
  const stack: Iterator<[string | number, Json]>[] = [entries(root)];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Iterator<[string | number, Json]>;
    const next = top.next();
    if (next.done) {
      stack.pop();
      continue;
    }
    const [key, value] = next.value;
    if (key === name) return { found: true, value };
    if (typeof value === "object" && value !== null) stack.push(entries(value));
  }
  return { found: false, value: undefined };
}

/** `JsonNode.findValues(name)`: every value under that field name, not descending into matches. */
export function findValues(root: Json, name: string): Json[] {
  const result: Json[] = [];
  const stack: Iterator<[string | number, Json]>[] = [entries(root)];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Iterator<[string | number, Json]>;
    const next = top.next();
    if (next.done) {
      stack.pop();
      continue;
    }
    const [key, value] = next.value;
    if (key === name) result.push(value);
    else if (typeof value === "object" && value !== null) stack.push(entries(value));
  }
  return result;
}

function* entries(node: Json): Generator<[string | number, Json]> {
  if (Array.isArray(node)) {
    // Array elements have no field name; -1 never equals a string key.
    for (const v of node) yield [-1, v];
  } else if (isObject(node)) {
    for (const k of Object.keys(node)) yield [k, node[k]];
  }
}

export { isObject };
