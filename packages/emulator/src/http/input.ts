import { badRequest } from "./api-error.ts";

/** Small checks for untrusted JSON input; each failure names the field and what is expected. */
export function asObject(value: unknown, what = "Request body"): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw badRequest(`${what} must be a JSON object`, "INVALID_BODY");
  }
  return value as Record<string, unknown>;
}

export function optionalString(
  body: Record<string, unknown>,
  key: string,
  maxLength = 10_000,
): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw badRequest(`"${key}" must be a string`, "INVALID_FIELD");
  if (value.length > maxLength)
    throw badRequest(`"${key}" is longer than ${maxLength} characters`, "INVALID_FIELD");
  return value;
}

export function requiredString(body: Record<string, unknown>, key: string, maxLength = 10_000): string {
  const value = optionalString(body, key, maxLength);
  if (value === undefined || value.length === 0)
    throw badRequest(`"${key}" is required (a non-empty string)`, "MISSING_FIELD");
  return value;
}

export function optionalBoolean(body: Record<string, unknown>, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw badRequest(`"${key}" must be true or false`, "INVALID_FIELD");
  return value;
}

/** A user id: a positive integer, or a string of digits (int64 ids do not always survive JSON numbers). */
export function asUserId(value: unknown, key: string): number {
  const numeric = typeof value === "string" && /^\d{1,16}$/.test(value) ? Number(value) : value;
  if (typeof numeric !== "number" || !Number.isSafeInteger(numeric) || numeric <= 0) {
    throw badRequest(`"${key}" must be a user id (a positive integer)`, "INVALID_FIELD");
  }
  return numeric;
}

export function userIdList(value: unknown, key: string): number[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest(`"${key}" must be an array of user ids`, "INVALID_FIELD");
  return value.map((v, i) => asUserId(v, `${key}[${i}]`));
}

/** Non-negative integer query parameter with a default and an upper bound. */
export function intParam(
  raw: string | null,
  name: string,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (raw === null || raw === "") return fallback;
  if (!/^\d{1,15}$/.test(raw))
    throw badRequest(`Query parameter "${name}" must be a non-negative integer`, "INVALID_PARAMETER");
  return Math.min(Number(raw), max);
}

/**
 * A boolean query parameter, as a Java server reads one: `true` / `false` in any case (`True`,
 * `FALSE`…); absent or empty gives `fallback`; anything else is a 400 naming the parameter.
 */
export function booleanParam(raw: string | null, name: string): boolean | undefined;
export function booleanParam(raw: string | null, name: string, fallback: boolean): boolean;
export function booleanParam(raw: string | null, name: string, fallback?: boolean): boolean | undefined {
  if (raw === null || raw === "") return fallback;
  const lower = raw.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  throw badRequest(
    `Query parameter "${name}" must be true or false, not ${JSON.stringify(raw)}`,
    "INVALID_PARAMETER",
  );
}
