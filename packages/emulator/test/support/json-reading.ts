/**
 * Reading the JSON the emulator answers with, in tests. Values stay `unknown`; each step checks
 * what it finds, so a body of the wrong shape fails naming the path that did not fit, instead of
 * a TypeError somewhere in an expectation.
 */
export type JsonRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown, what = "value"): JsonRecord {
  if (!isRecord(value)) throw new TypeError(`Expected ${what} to be an object, got ${describe(value)}.`);
  return value;
}

export function asList(value: unknown, what = "value"): unknown[] {
  if (!Array.isArray(value)) throw new TypeError(`Expected ${what} to be a list, got ${describe(value)}.`);
  return value;
}

/** A list of objects (a list of events, messages, rooms…). */
export function asRecords(value: unknown, what = "value"): JsonRecord[] {
  return asList(value, what).map((item, i) => asRecord(item, `${what}[${i}]`));
}

/**
 * The value at a path of keys and list indexes; `undefined` when the last step is missing. A step
 * through something that is not an object or a list throws, naming the path so far.
 */
export function at(value: unknown, ...path: readonly (string | number)[]): unknown {
  let current = value;
  const walked: string[] = [];
  for (const step of path) {
    if (current === undefined && walked.length > 0)
      throw new TypeError(`Nothing at ${walked.join(".")} (reading ${path.join(".")}).`);
    if (typeof step === "number") current = asList(current, walked.join(".") || "value")[step];
    else current = asRecord(current, walked.join(".") || "value")[step];
    walked.push(String(step));
  }
  return current;
}

/** The JSON body of a response, unread. */
export async function jsonOf(response: Response): Promise<unknown> {
  return (await response.json()) as unknown;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "string" ? `the string ${JSON.stringify(value.slice(0, 40))}` : typeof value;
}

/** EntityJSON (a message's data): its entities, whatever their keys. */
export function entitiesOf(data: string | undefined): JsonRecord[] {
  return Object.values(asRecord(JSON.parse(data ?? "{}") as unknown, "data")).filter(isRecord);
}
