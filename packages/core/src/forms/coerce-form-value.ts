import { Chat, User } from "../addressables/addressables.ts";
import type { Classified, LeafKind } from "./field-classification.ts";

/**
 * Turns one submitted value into what the schema expects. Platforms send strings (Symphony text fields,
 * every Adaptive Card input), arrays (multi-selects), numbers (Symphony person-selector ids) or small
 * objects (Symphony room-selector). A value that cannot be converted is passed through unchanged, so the
 * SCHEMA reports the type error in its own words at the right path.
 */
export interface CoerceContext {
  /** Platform of the user / chat ids in this submission (from the current action). */
  readonly platform: string | undefined;
  readonly optional: boolean;
}

export type Coerced =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string };

const ok = (value: unknown): Coerced => ({ ok: true, value });

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const TRUE = new Set(["true", "on", "yes", "1", "checked"]);
const FALSE = new Set(["false", "off", "no", "0", ""]);

function isBlank(raw: unknown): boolean {
  return raw === undefined || raw === null || raw === "" || (Array.isArray(raw) && raw.length === 0);
}

export function coerceLeaf(
  cls: Extract<Classified, { multiple: boolean }>,
  raw: unknown,
  ctx: CoerceContext,
): Coerced {
  if (cls.multiple) return coerceMany(cls, raw, ctx);
  if (cls.kind === "boolean") return ok(coerceBoolean(raw));
  if (isBlank(raw)) return ok(blankValue(cls.kind, ctx.optional));
  return coerceOne(cls, Array.isArray(raw) && raw.length === 1 ? raw[0] : raw, ctx);
}

/** Empty text of a required text field stays "" (so `min(1)` speaks); anything else empty is "not given". */
function blankValue(kind: LeafKind, optional: boolean): unknown {
  return kind === "text" && !optional ? "" : undefined;
}

function coerceBoolean(raw: unknown): unknown {
  if (raw === undefined || raw === null || typeof raw === "boolean") return raw ?? false;
  const text = String(raw).trim().toLowerCase();
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  return raw;
}

function coerceOne(
  cls: Extract<Classified, { multiple: boolean }>,
  raw: unknown,
  ctx: CoerceContext,
): Coerced {
  switch (cls.kind) {
    case "number":
      return ok(typeof raw === "string" && NUMBER.test(raw.trim()) ? Number(raw.trim()) : raw);
    case "choice":
      return ok(matchChoice(cls.choices ?? [], raw));
    case "date":
      return ok(cls.jsDate && typeof raw === "string" ? toDate(`${raw}T00:00:00Z`, raw) : raw);
    case "date-time":
      return ok(cls.jsDate && typeof raw === "string" ? toDate(raw, raw) : raw);
    case "user":
      return single(toAddressables("user", raw, ctx), "Choose one person.");
    case "chat":
      return single(toAddressables("chat", raw, ctx), "Choose one room.");
    default:
      return ok(typeof raw === "number" || typeof raw === "boolean" ? String(raw) : raw);
  }
}

function coerceMany(
  cls: Extract<Classified, { multiple: boolean }>,
  raw: unknown,
  ctx: CoerceContext,
): Coerced {
  if (isBlank(raw)) return ok([]);
  if (cls.kind === "user" || cls.kind === "chat") return toAddressables(cls.kind, raw, ctx);
  // Adaptive Cards send a multi-select as one comma-separated string.
  const items = Array.isArray(raw)
    ? raw
    : typeof raw === "string"
      ? raw.split(",").filter((s) => s !== "")
      : [raw];
  return ok(cls.kind === "choice" ? items.map((item) => matchChoice(cls.choices ?? [], item)) : items);
}

function matchChoice(choices: readonly (string | number)[], raw: unknown): unknown {
  const text = String(raw);
  const found = choices.find((choice) => String(choice) === text);
  return found ?? raw;
}

function toDate(text: string, original: string): unknown {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? original : date;
}

function single(result: Coerced, tooMany: string): Coerced {
  if (!result.ok) return result;
  const list = result.value as unknown[];
  if (list.length > 1) return { ok: false, message: tooMany };
  return ok(list[0]);
}

/** Ids as sent by pickers: `[123, 456]`, `"123"`, `"a,b"`, `{streamIds: [...]}`, or already-built objects. */
function idsOf(kind: "user" | "chat", raw: unknown): unknown[] {
  if (Array.isArray(raw)) return raw;
  if (typeof raw === "string")
    return raw
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
  if (typeof raw === "object" && raw !== null && !(kind === "user" ? User.is(raw) : Chat.is(raw))) {
    const ids =
      kind === "chat" ? (raw as { streamIds?: unknown }).streamIds : (raw as { userIds?: unknown }).userIds;
    if (Array.isArray(ids)) return ids;
  }
  return [raw];
}

function toAddressables(kind: "user" | "chat", raw: unknown, ctx: CoerceContext): Coerced {
  const out: unknown[] = [];
  for (const item of idsOf(kind, raw)) {
    if (kind === "user" ? User.is(item) : Chat.is(item)) {
      out.push(item);
      continue;
    }
    const id = typeof item === "number" && Number.isSafeInteger(item) ? String(item) : item;
    if (typeof id !== "string" || !/^[\w.:@=+/-]{1,256}$/.test(id))
      return { ok: false, message: `Not a valid ${kind === "user" ? "user" : "room"} id.` };
    if (!ctx.platform)
      return {
        ok: false,
        message: `Cannot tell which platform this ${kind} id belongs to (no platform given).`,
      };
    out.push(kind === "user" ? User.of(ctx.platform, id) : Chat.of(ctx.platform, id));
  }
  return ok(out);
}
