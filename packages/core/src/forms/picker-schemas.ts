import { z } from "zod";
import { Chat, User } from "../addressables/addressables.ts";

/**
 * Schemas for picker fields. They validate the same frozen objects `User.of` / `Chat.of` make, and the form
 * model recognises them by shape (an object with `kind: "user"` / `"chat"`, `platform` and `id`).
 */
const userShape = z.object({
  kind: z.literal("user"),
  platform: z.string().min(1),
  id: z.string().min(1),
  name: z.string().optional(),
  email: z.string().optional(),
});

const chatShape = z.object({
  kind: z.literal("chat"),
  platform: z.string().min(1),
  id: z.string().min(1),
  name: z.string().optional(),
});

/** A person picker field: the value is a `User`. */
export function user() {
  return userShape.transform((u): User => User.of(u.platform, u.id, u.name, u.email));
}

/** A room picker field: the value is a `Chat`. */
export function chat() {
  return chatShape.transform((c): Chat => Chat.of(c.platform, c.id, c.name));
}

/** Is this an IANA time zone the runtime knows (e.g. `Europe/London`, `UTC`)? */
export function isTimeZone(value: string): boolean {
  if (value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** A time-zone picker field: an IANA zone id. */
export function timezone() {
  return z
    .string()
    .refine(isTimeZone, { message: "Unknown time zone: use an IANA name such as Europe/London" })
    .meta({ kind: "timezone" });
}
