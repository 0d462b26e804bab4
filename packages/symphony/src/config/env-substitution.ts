import { homedir, userInfo } from "node:os";
import { SymphonyError } from "../errors/symphony-error.ts";

/**
 * `${NAME}` in config values, as BDK-Java interpolates its config (commons-text `StringSubstitutor`
 * over every text value, after parsing, keys untouched):
 * - `${NAME}` is the environment variable NAME; the Java system properties a config commonly names
 *   (`user.home`, `user.dir`, `user.name`) are answered as the JVM would;
 * - `${NAME:-default}` gives a default when NAME is not set (an empty variable is set, to "");
 * - `$${NAME}` is the literal text `${NAME}`;
 * - a substituted value is itself substituted (a cycle is refused).
 * One difference: BDK-Java leaves `${NAME}` as it is when NAME is not set, which fails later as an odd
 * host or path; here it fails at load time, naming the key and the variable.
 */
export function substituteVariables(
  raw: Record<string, unknown>,
  env: Readonly<Record<string, string | undefined>>,
  origin: string,
): Record<string, unknown> {
  const lookup = (name: string) => JAVA_PROPERTIES[name]?.() ?? env[name];
  return walk(raw, "", (text, keyPath) => substitute(text, { lookup, keyPath, origin, seen: [] })) as Record<
    string,
    unknown
  >;
}

const JAVA_PROPERTIES: Readonly<Record<string, () => string>> = {
  "user.home": () => homedir(),
  "user.dir": () => process.cwd(),
  "user.name": () => userInfo().username,
};

function walk(node: unknown, keyPath: string, onText: (text: string, keyPath: string) => string): unknown {
  if (typeof node === "string") return node.includes("$") ? onText(node, keyPath) : node;
  if (Array.isArray(node)) return node.map((item, index) => walk(item, `${keyPath}[${index}]`, onText));
  if (typeof node !== "object" || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      walk(value, keyPath === "" ? key : `${keyPath}.${key}`, onText),
    ]),
  );
}

interface Substitution {
  readonly lookup: (name: string) => string | undefined;
  readonly keyPath: string;
  readonly origin: string;
  /** Variables being expanded, outermost first, to refuse `A → ${B} → ${A}`. */
  readonly seen: readonly string[];
}

function substitute(text: string, at: Substitution): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    if (text.startsWith("$${", i)) {
      out += "${";
      i += 3;
    } else if (text.startsWith("${", i)) {
      const end = closingBrace(text, i + 2);
      if (end === -1) return out + text.slice(i);
      out += expand(text.slice(i + 2, end), at);
      i = end + 1;
    } else {
      out += text[i];
      i++;
    }
  }
  return out;
}

/** The `}` closing a `${`, skipping nested `${…}` (a default may hold a variable). */
function closingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text.startsWith("${", i)) {
      depth++;
      i++;
    } else if (text[i] === "}") {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function expand(inner: string, at: Substitution): string {
  const split = inner.indexOf(":-");
  const name = split === -1 ? inner : inner.slice(0, split);
  const fallback = split === -1 ? undefined : inner.slice(split + 2);
  const value = at.lookup(name) ?? fallback;
  if (value === undefined) {
    throw new SymphonyError(
      "CONFIG_MISSING_KEY",
      `Config key "${at.keyPath}" in ${at.origin} uses \${${name}}, but the environment variable ${name} is not set: set it, or give a default as \${${name}:-default}.`,
    );
  }
  if (at.seen.includes(name)) {
    throw new SymphonyError(
      "CONFIG_INVALID_VALUE",
      `Config key "${at.keyPath}" in ${at.origin}: the variables ${[...at.seen, name].join(" → ")} refer to each other in a loop.`,
    );
  }
  return substitute(value, { ...at, seen: [...at.seen, name] });
}
