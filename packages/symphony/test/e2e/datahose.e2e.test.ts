import { afterEach, describe, expect, it } from "vitest";
import { isSymphonyError, SymphonyConnection, silentLogger, type V4Event } from "../../src/index.ts";
import { startTestPod, type TestPod } from "./support/test-pod.ts";
import { until } from "./support/until.ts";

// The datahose reader on the emulator: every message of the pod, from chats the bot is not in.

let pod: TestPod | undefined;
const connections: SymphonyConnection[] = [];
afterEach(async () => {
  for (const connection of connections.splice(0)) await connection.close();
  await pod?.close();
  pod = undefined;
});

async function connect(p: TestPod): Promise<SymphonyConnection> {
  const connection = new SymphonyConnection(p.config, { logger: silentLogger() });
  connections.push(connection);
  await connection.start();
  return connection;
}

const textOf = (event: V4Event) =>
  event.payload?.messageSent?.message?.message?.replace(/<[^>]+>/g, "") ?? "";

describe("datahose", () => {
  it("reads messages of a room the bot is not in; what it acknowledged does not come again", async () => {
    pod = await startTestPod({ rooms: [] });
    const [alice, bob] = [pod.personId("alice"), pod.personId("bob")];
    const room = await pod.dev.createRoom({
      name: "Private",
      creatorId: alice,
      memberIds: [bob],
      ownerIds: [],
    });
    const connection = await connect(pod);
    // The first read makes the feed: events before it are not its own.
    await connection.datafeed.readDatahose({ tag: "datahose-sprig", eventTypes: ["MESSAGESENT"] }, "");
    const seen: V4Event[] = [];
    const loop = connection.createDatahoseLoop(async (events) => void seen.push(...events), {
      eventTypes: ["MESSAGESENT"],
    });
    const running = loop.run();
    await pod.dev.postText(room, "alice", "psst");
    const event = await until(
      () => seen.find((e) => textOf(e) === "psst"),
      "the room's message on the datahose",
    );
    expect(event.type).toBe("MESSAGESENT");
    expect(seen.every((e) => e.type === "MESSAGESENT")).toBe(true);
    await loop.stop();
    await running;

    // The same tag and filters again: the feed goes on from what was acknowledged.
    const again: V4Event[] = [];
    const next = connection.createDatahoseLoop(async (events) => void again.push(...events), {
      eventTypes: ["MESSAGESENT"],
    });
    const nextRun = next.run();
    await pod.dev.postText(room, "bob", "later");
    await until(() => again.find((e) => textOf(e) === "later"), "the next message");
    expect(again.map(textOf)).not.toContain("psst");
    await next.stop();
    await nextRun;
  });

  it("a feed the agent refuses (400: no such event type) stops the loop with the agent's reason", async () => {
    pod = await startTestPod({ rooms: [] });
    const connection = await connect(pod);
    const loop = connection.createDatahoseLoop(async () => {}, { eventTypes: ["NOT_A_TYPE"] });
    const error = await loop.run().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(isSymphonyError(error)).toBe(true);
    expect(String((error as Error).message)).toContain("eventTypes");
  });

  it("a re-login that fails while the key manager is down is waited out: the loop reads on, nothing lost", async () => {
    pod = await startTestPod({ rooms: [] });
    const [alice, bob] = [pod.personId("alice"), pod.personId("bob")];
    const room = await pod.dev.createRoom({
      name: "Quiet",
      creatorId: alice,
      memberIds: [bob],
      ownerIds: [],
    });
    const connection = await connect(pod);
    const filter = { tag: "datahose-sprig", eventTypes: ["MESSAGESENT"] };
    await connection.datafeed.readDatahose(filter, "");
    const seen: V4Event[] = [];
    const loop = connection.createDatahoseLoop(async (events) => void seen.push(...events), {
      eventTypes: ["MESSAGESENT"],
    });
    const running = loop.run();
    let ended = false;
    void running.finally(() => {
      ended = true;
    });
    // The next read finds its session expired; logging in again finds the key manager unreachable
    // for longer than a login's attempts (AUTH_FAILED): the loop waits and reads again.
    const attempts = pod.config.retry.maxAttempts;
    await pod.dev.addFault({
      method: "POST",
      path: "/relay/pubkey/authenticate",
      drop: true,
      times: attempts + 1,
    });
    await pod.dev.addFault({ method: "POST", path: "/agent/v5/events/read", expireSessions: true });
    await pod.dev.postText(room, "alice", "said while the key manager was away");
    for (let i = 0; (await pod.dev.faults()).length > 0; i++) {
      if (i > 500) throw new Error("The loop did not meet the faults: it does not read.");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await until(
      () => seen.find((e) => textOf(e) === "said while the key manager was away"),
      "the message said during the outage",
    );
    expect(ended).toBe(false);
    await loop.stop();
    await running;
  });
});
