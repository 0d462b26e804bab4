/**
 * Conversations end to end: ensure-chat through the real adapter against the emulator, checked
 * from the pod's side (the dev API says who is in which stream) rather than from the adapter's.
 */
import { createBot, silentLogger, User } from "@sprig/core";
import { describe, expect, it, vi } from "vitest";
import type { SymphonyBot } from "../../src/index.ts";
import { TEAM } from "./support/e2e-chat.ts";
import { podAndBotsPerTest } from "./support/pod-and-bots.ts";
import type { TestPod } from "./support/test-pod.ts";

const { startPod, startBot } = podAndBotsPerTest();

async function start(): Promise<{ pod: TestPod; running: SymphonyBot }> {
  const pod = await startPod({ rooms: [TEAM] });
  const running = await startBot(createBot({ logger: silentLogger }));
  return { pod, running };
}

async function inStream(pod: TestPod, person: string, streamId: string): Promise<boolean> {
  return (await pod.dev.streamsOf(pod.personId(person))).some((s) => s.id === streamId);
}

const person = (pod: TestPod, name: string) => User.of("symphony", String(pod.personId(name)));

describe("ensure-chat on the emulator", () => {
  it("adds the missing members to an existing room, once, and creates a room with its members", async () => {
    const { pod, running } = await start();
    const conversations = running.platform.conversations;
    const add = vi.spyOn(running.connection.streams, "changeMembership");
    const team = pod.roomId("Team");
    expect(await inStream(pod, "cy", team)).toBe(false);

    const everyone = ["alice", "bob", "cy", "dee"].map((name) => person(pod, name));
    const found = await conversations.ensureChat("Team", everyone);
    expect(found.name).toBe("Team");
    expect(add.mock.calls.map((call) => [call[1], String(call[2])])).toEqual([
      ["add", String(pod.personId("cy"))],
      ["add", String(pod.personId("dee"))],
    ]);
    for (const name of ["alice", "bob", "cy", "dee"]) expect(await inStream(pod, name, team)).toBe(true);

    // Again: nothing left to add, so nothing is sent.
    expect(await conversations.ensureChat("Team", everyone)).toEqual(found);
    expect(add).toHaveBeenCalledTimes(2);
    expect((await conversations.members(found)).map((u) => u.id).sort()).toEqual(
      ["alice", "bob", "cy", "dee", "sprig"].map((name) => String(pod.personId(name))).sort(),
    );

    // A new room gets its members on creation; asking again with one more adds only that one.
    const ops = await conversations.ensureChat("Ops", [person(pod, "bob")]);
    expect(await inStream(pod, "bob", ops.id)).toBe(true);
    expect(await inStream(pod, "cy", ops.id)).toBe(false);
    add.mockClear();
    await conversations.ensureChat("Ops", [person(pod, "bob"), person(pod, "cy")]);
    expect(add.mock.calls.map((call) => String(call[2]))).toEqual([String(pod.personId("cy"))]);
    expect(await inStream(pod, "cy", ops.id)).toBe(true);
    expect((await conversations.chats()).filter((c) => c.name === "Ops")).toHaveLength(1);
  });
});
