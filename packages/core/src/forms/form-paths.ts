import type { FormInputIssue } from "../work/validation.ts";

/**
 * Submitted field names are untrusted text. They become a tree of Maps (never object keys), with every
 * segment checked first: no `__proto__` / `constructor` / `prototype`, no empty segments, bounded depth,
 * bounded row indexes, bounded count. Only then is anything built, and only along the schema's own shape.
 */
export interface FormLimits {
  readonly maxFields: number;
  readonly maxDepth: number;
  readonly maxRowIndex: number;
  readonly maxValueLength: number;
  readonly maxNameLength: number;
}

export const FORM_LIMITS: FormLimits = Object.freeze({
  maxFields: 2_000,
  maxDepth: 16,
  /** A row index larger than this is refused outright, before the schema is consulted. */
  maxRowIndex: 9_999,
  maxValueLength: 100_000,
  maxNameLength: 512,
});

export const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

export type ValueTree =
  | { readonly leaf: true; readonly raw: unknown }
  | { readonly leaf: false; readonly children: Map<string, ValueTree> };

const SEGMENT = /^[A-Za-z0-9_$-]+$/;
const INDEX = /^\d+$/;

function issue(code: FormInputIssue["code"], field: string, message: string): FormInputIssue {
  return { code, field, message };
}

/** Checks one name and splits it; an issue explains the first problem found. */
export function splitFieldName(name: string, limits: FormLimits = FORM_LIMITS): string[] | FormInputIssue {
  if (name.length === 0 || name.length > limits.maxNameLength)
    return issue(
      "FORM_BAD_PATH",
      name.slice(0, 64),
      `Field name must be 1 to ${limits.maxNameLength} characters long.`,
    );
  const segments = name.split(".");
  if (segments.length > limits.maxDepth)
    return issue("FORM_BAD_PATH", name, `Field "${name}" is nested deeper than ${limits.maxDepth} levels.`);
  for (const segment of segments) {
    if (FORBIDDEN_SEGMENTS.has(segment))
      return issue(
        "FORM_FORBIDDEN_KEY",
        name,
        `Field "${name}" uses the reserved name "${segment}"; it is refused.`,
      );
    if (!SEGMENT.test(segment))
      return issue(
        "FORM_BAD_PATH",
        name,
        `Field "${name}" is not a valid field name (empty or unexpected characters).`,
      );
    if (INDEX.test(segment) && (segment.length > 6 || Number(segment) > limits.maxRowIndex))
      return issue(
        "FORM_INDEX_TOO_LARGE",
        name,
        `Field "${name}" refers to row ${segment}; at most ${limits.maxRowIndex + 1} rows are accepted.`,
      );
  }
  return segments;
}

export interface ParsedValues {
  readonly tree: Map<string, ValueTree>;
  readonly issues: FormInputIssue[];
}

/** Own string keys only: a `__proto__` key from JSON.parse is an own key and is seen (and refused) here. */
export function parseFieldNames(
  values: Readonly<Record<string, unknown>>,
  skip: (name: string) => boolean,
  limits: FormLimits = FORM_LIMITS,
): ParsedValues {
  const tree = new Map<string, ValueTree>();
  const issues: FormInputIssue[] = [];
  const names = Object.keys(values);
  if (names.length > limits.maxFields) {
    issues.push(
      issue(
        "FORM_TOO_MANY_FIELDS",
        "",
        `The form sent ${names.length} fields; at most ${limits.maxFields} are accepted.`,
      ),
    );
    return { tree, issues };
  }
  for (const name of names) {
    if (skip(name)) continue;
    const raw = values[name];
    if (typeof raw === "string" && raw.length > limits.maxValueLength) {
      issues.push(
        issue(
          "FORM_VALUE_TOO_LONG",
          name,
          `Field "${name}" is longer than ${limits.maxValueLength} characters.`,
        ),
      );
      continue;
    }
    const segments = splitFieldName(name, limits);
    if (!Array.isArray(segments)) {
      issues.push(segments);
      continue;
    }
    const clash = insert(tree, segments, raw);
    if (clash)
      issues.push(issue("FORM_BAD_PATH", name, `Field "${name}" conflicts with another field of the form.`));
  }
  return { tree, issues };
}

function insert(tree: Map<string, ValueTree>, segments: string[], raw: unknown): boolean {
  let level = tree;
  for (let i = 0; i < segments.length - 1; i++) {
    const segment = segments[i]!;
    let node = level.get(segment);
    if (!node) {
      node = { leaf: false, children: new Map() };
      level.set(segment, node);
    }
    if (node.leaf) return true;
    level = node.children;
  }
  const last = segments[segments.length - 1]!;
  if (level.has(last)) return true;
  level.set(last, { leaf: true, raw });
  return false;
}
