/**
 * Jackson's recursive field lookups, which the agent uses to find `data-entity-id` entries at ANY
 * depth of the entity JSON (so entities generated inside a structured object, e.g. `mention1` under
 * `jiraUpdated`, are found again when the PresentationML is sent back).
 *
 * The agent scans the whole JSON once per id (quadratic on big messages); sprig indexes every field
 * once, in the same pre-order, and answers each lookup from the index.
 */

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

interface Field {
  value: unknown;
  /** Some enclosing field has the same name (`findValues` does not descend into a match). */
  insideSameName: boolean;
}

export class EntityIndex {
  private indexed: Map<string, Field[]> | undefined;

  /** Built on first use: most messages never look an entity up. */
  constructor(private readonly root: unknown) {}

  private get fields(): Map<string, Field[]> {
    this.indexed ??= indexFields(this.root);
    return this.indexed;
  }

  /** `findPath(name)`: the first field of that name in pre-order. */
  findPath(name: string): { found: boolean; value: unknown } {
    const first = this.fields.get(name)?.[0];
    return first ? { found: true, value: first.value } : { found: false, value: undefined };
  }

  /** `findValues(name)`: every field of that name not nested inside another of the same name. */
  findValues(name: string): unknown[] {
    return (this.fields.get(name) ?? []).filter((f) => !f.insideSameName).map((f) => f.value);
  }
}

function indexFields(root: unknown): Map<string, Field[]> {
  const fields = new Map<string, Field[]>();
  // Iterative pre-order walk; `open` counts enclosing fields per name.
  const open = new Map<string, number>();
  type Frame = { entries: [string | undefined, unknown][]; next: number; name: string | undefined };
  const frames: Frame[] = [{ entries: entriesOf(root), next: 0, name: undefined }];
  while (frames.length > 0) {
    const frame = frames[frames.length - 1] as Frame;
    if (frame.next >= frame.entries.length) {
      frames.pop();
      if (frame.name !== undefined) open.set(frame.name, (open.get(frame.name) ?? 1) - 1);
      continue;
    }
    const [name, value] = frame.entries[frame.next++] as [string | undefined, unknown];
    if (name !== undefined) {
      let list = fields.get(name);
      if (!list) {
        list = [];
        fields.set(name, list);
      }
      list.push({ value, insideSameName: (open.get(name) ?? 0) > 0 });
    }
    if (typeof value === "object" && value !== null) {
      if (name !== undefined) open.set(name, (open.get(name) ?? 0) + 1);
      frames.push({ entries: entriesOf(value), next: 0, name });
    }
  }
  return fields;
}

function entriesOf(node: unknown): [string | undefined, unknown][] {
  if (Array.isArray(node)) return node.map((v) => [undefined, v]);
  if (isObject(node)) return Object.entries(node);
  return [];
}
