import { describe, expect, it } from "vitest";
import {
  findStructuredObjects,
  isStructuredObject,
  MessageMLError,
  parseEntityJSON,
  readStructuredObject,
  stringifyEntityJSON,
  structuredObject,
  translateMessageML,
  writeStructuredObject,
} from "../../src/index.ts";
import { readEntityData } from "../../src/parse/entity-data.ts";

const todo = structuredObject("org.example.todo", "1.0", { items: ["a"] });

describe("EntityJSON structured objects", () => {
  it("builds objects with type and version first", () => {
    expect(Object.keys(structuredObject("t", "2.1", { a: 1, type: "ignored" }))).toEqual([
      "type",
      "version",
      "a",
    ]);
  });

  it("writes without mutating and reads back by id, type and version", () => {
    const empty = {};
    const written = writeStructuredObject(empty, "todo1", todo);
    expect(empty).toEqual({});
    expect(readStructuredObject(written, "todo1")).toEqual(todo);
    expect(readStructuredObject(written, "todo1", { type: "org.example.todo", version: "1." })).toEqual(todo);
    expect(readStructuredObject(written, "todo1", { version: "2." })).toBeUndefined();
    expect(readStructuredObject(written, "todo1", { type: "other" })).toBeUndefined();
    expect(readStructuredObject(written, "missing")).toBeUndefined();
    expect(readStructuredObject({ toString: 1 }, "toString")).toBeUndefined();
  });

  it("finds every object of a type in order", () => {
    const json = { a: todo, m: { type: "com.symphony.user.mention", version: "1.0" }, b: todo, junk: 3 };
    expect(findStructuredObjects(json, "org.example.todo").map(([id]) => id)).toEqual(["a", "b"]);
  });

  it("round-trips through the datafeed's JSON string, including a doubly encoded one", () => {
    const json = writeStructuredObject({}, "x", todo);
    const text = stringifyEntityJSON(json);
    expect(parseEntityJSON(text)).toEqual(json);
    expect(parseEntityJSON(JSON.stringify(text))).toEqual(json);
    expect(parseEntityJSON("")).toEqual({});
    expect(parseEntityJSON(undefined)).toEqual({});
  });

  it("client entity ids and missing versions read as plain entries", () => {
    const data =
      '{"0":{"id":[{"type":"com.symphony.user.userId","value":"347583113331315"}],"type":"com.symphony.user.mention"}}';
    const json = parseEntityJSON(data);
    expect(isStructuredObject(json["0"])).toBe(false);
    expect(readStructuredObject(json, "0")).toBeUndefined();
  });

  it("rejects what the agent rejects, with its message", () => {
    expect(() => parseEntityJSON("[1]")).toThrow(
      new MessageMLError(
        "INVALID_ENTITY_JSON",
        "Error parsing EntityJSON: provided content is not a JSON object",
      ),
    );
    expect(() => parseEntityJSON("{")).toThrow(MessageMLError);
    expect(() => writeStructuredObject({}, "", todo)).toThrow(TypeError);
  });

  it("is the one reader the translator and the inbound parser share: same limit, strict vs lenient", () => {
    let deep: Record<string, unknown> = { target: { type: "t", version: "1.0" } };
    for (let i = 0; i < 1000; i++) deep = { [`k${i}`]: deep };
    const refusal =
      "Error parsing EntityJSON: Document nesting depth (1001) exceeds the maximum allowed (1000)";
    expect(() => parseEntityJSON(deep)).toThrow(refusal);
    expect(() => parseEntityJSON(JSON.stringify(deep))).toThrow(refusal);
    const input = '<messageML><div class="entity" data-entity-id="target">x</div></messageML>';
    expect(() => translateMessageML(input, { data: deep })).toThrow(refusal);
    // Inbound is lenient: what the strict reader refuses reads as "no entities", never an error.
    for (const unreadable of [deep, "{", "[1]", '""x""'])
      expect(readEntityData(unreadable as string)).toEqual({});
    expect(readEntityData(JSON.stringify(JSON.stringify({ a: { type: "t" } })))).toEqual({
      a: { type: "t" },
    });
  });
});
