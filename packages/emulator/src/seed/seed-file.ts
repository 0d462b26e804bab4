import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parse } from "yaml";
import { createApp } from "../apps/app-service.ts";
import { badRequest } from "../http/api-error.ts";
import type { Pod } from "../runtime/pod.ts";
import type { UserRecord } from "../store/records.ts";
import {
  addMember,
  createRoom,
  defaultRoomAttributes,
  ensureConversation,
} from "../streams/stream-service.ts";
import { createUser } from "../users/user-service.ts";

/**
 * A seed declares the pod's starting population:
 * ```yaml
 * users:
 *   - { username: alice, displayName: Alice Smith, email: alice@example.com, id: 1001 }
 *   - { username: todo-bot, bot: true, publicKeyFile: todo-bot-public.pem }
 * rooms:
 *   - { name: Team, creator: alice, members: [bob, todo-bot], owners: [alice] }
 * ims:
 *   - [alice, todo-bot]
 * apps: # extension apps, for OBO (users: who they may act for; everyone on the pod by default)
 *   - { appId: expenses-app, name: Expenses, publicKeyFile: expenses-app-public.pem, users: [alice] }
 * ```
 */
export interface SeedDocument {
  users?: Array<Record<string, unknown>>;
  rooms?: Array<{
    name: string;
    description?: string;
    creator: string | number;
    members?: Array<string | number>;
    owners?: Array<string | number>;
  }>;
  ims?: Array<Array<string | number>>;
  apps?: Array<Record<string, unknown>>;
}

export function readSeedFile(path: string): { seed: SeedDocument; baseDir: string } {
  const seed = parse(readFileSync(path, "utf8")) as SeedDocument | null;
  return { seed: seed ?? {}, baseDir: dirname(resolve(path)) };
}

export function applySeed(pod: Pod, seed: SeedDocument, baseDir = process.cwd()): void {
  for (const entry of seed.users ?? []) {
    const { publicKeyFile, ...user } = entry;
    if (typeof publicKeyFile === "string")
      user.publicKey = readFileSync(resolve(baseDir, publicKeyFile), "utf8");
    createUser(pod, user);
  }
  const who = (ref: string | number): UserRecord => {
    const user = typeof ref === "number" ? pod.store.users.get(ref) : pod.store.userByUsername(ref);
    if (!user) throw badRequest(`Seed names unknown user ${JSON.stringify(ref)}`, "UNKNOWN_USER");
    return user;
  };
  for (const room of seed.rooms ?? []) {
    const creator = who(room.creator);
    const attributes = defaultRoomAttributes(room.name);
    if (room.description) attributes.description = room.description;
    const stream = createRoom(pod, creator, attributes);
    const owners = new Set((room.owners ?? []).map((o) => who(o).id));
    for (const ref of new Set([...(room.members ?? []), ...(room.owners ?? [])])) {
      const member = who(ref);
      if (member.id !== creator.id) addMember(pod, stream, creator, member, owners.has(member.id));
    }
  }
  for (const entry of seed.apps ?? []) {
    const { publicKeyFile, ...app } = entry;
    if (typeof publicKeyFile === "string")
      app.publicKey = readFileSync(resolve(baseDir, publicKeyFile), "utf8");
    createApp(pod, app);
  }
  for (const im of seed.ims ?? []) {
    const [first, ...others] = im.map(who);
    if (first)
      ensureConversation(
        pod,
        first,
        others.map((u) => u.id),
      );
  }
}
