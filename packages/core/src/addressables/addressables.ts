/**
 * Who and where: a User (a person or a bot) and a Chat (a room or a group conversation).
 * A 1:1 conversation is addressed by the other user, so `Addressable = User | Chat`.
 *
 * Plain frozen objects, so they survive JSON round trips (form data, history, logs)
 * and compare by `platform` + `id`, never by reference.
 */
export interface User {
  readonly kind: "user";
  /** The platform that owns the id, e.g. "symphony", "teams", "test". */
  readonly platform: string;
  readonly id: string;
  readonly name?: string;
  readonly email?: string;
}

export interface Chat {
  readonly kind: "chat";
  readonly platform: string;
  readonly id: string;
  readonly name?: string;
}

export type Addressable = User | Chat;

function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return Object.freeze(value);
}

export const User = {
  of(platform: string, id: string, name?: string, email?: string): User {
    return compact({ kind: "user", platform, id, name, email });
  },
  is(value: unknown): value is User {
    return isAddressableOfKind(value, "user");
  },
};

export const Chat = {
  of(platform: string, id: string, name?: string): Chat {
    return compact({ kind: "chat", platform, id, name });
  },
  is(value: unknown): value is Chat {
    return isAddressableOfKind(value, "chat");
  },
};

function isAddressableOfKind(value: unknown, kind: "user" | "chat"): boolean {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.kind === kind && typeof v.platform === "string" && typeof v.id === "string";
}

/** Same platform and id: the identity of a user or chat. */
export function sameAddressable(a: Addressable | undefined, b: Addressable | undefined): boolean {
  return !!a && !!b && a.kind === b.kind && a.platform === b.platform && a.id === b.id;
}

/** A stable string key, e.g. for per-conversation queues and stores: "symphony:chat:abc". */
export function addressableKey(a: Addressable): string {
  return `${a.platform}:${a.kind}:${a.id}`;
}
