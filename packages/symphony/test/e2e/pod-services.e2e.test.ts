import { createBot } from "@sprig/core";
import { describe, expect, it } from "vitest";
import { isSymphonyError, type SymphonyBot } from "../../src/index.ts";
import { failure } from "../support/failure.ts";
import { podAndBotsPerTest } from "./support/pod-and-bots.ts";
import { BOT_ID } from "./support/test-pod.ts";
import { until } from "./support/until.ts";

// The pod services a bot author calls from handlers (`running.connection.<service>`), each through the
// real adapter against the real emulator: users, presence, signals, messages (suppress, blast, pin),
// rooms (update, deactivate, search) and connections.

const { startPod, startBot } = podAndBotsPerTest();

describe("pod services from handlers", () => {
  it("a handler searches users, looks one up by email and username, sets presence, creates a signal, pins", {
    timeout: 90_000,
  }, async () => {
    const pod = await startPod();
    let running: SymphonyBot | undefined;
    const services = () => {
      if (!running) throw new Error("not started");
      return running.connection;
    };
    const bot = createBot();
    bot.command("who {name}", { description: "Find people" }, async ({ vars }) => {
      const found = await services().users.search(vars.name, { local: true });
      return `found: ${(found.users ?? []).map((u) => u.username).join(", ")}`;
    });
    bot.command("mail {email}", { description: "Look up by email" }, async ({ vars }) => {
      const user = await services().users.byEmail(vars.email);
      const same = user?.username ? await services().users.byUsername(user.username) : undefined;
      return `mail: ${user?.displayName ?? "nobody"} (${same?.id === user?.id ? "same" : "other"})`;
    });
    bot.command("busy", { description: "Set presence" }, async () => {
      await services().presence.set("BUSY");
      return `presence: ${(await services().presence.get()).category}`;
    });
    bot.command("watch {tag}", { description: "Signal" }, async ({ vars, user }) => {
      const signal = await services().signals.create({ name: `#${vars.tag}`, query: `HASHTAG:${vars.tag}` });
      const pushed = await services().signals.subscribe(signal.id ?? "", [Number(user.id)], { pushed: true });
      return `signal: ${signal.name} subscribed ${pushed.successfulSubscription}`;
    });
    bot.command("pin", { description: "Pin this" }, async ({ action, chat }) => {
      if (action.kind !== "message" || !action.messageId || !chat) return "nothing to pin";
      await services().streams.pinMessage(chat.id, action.messageId);
      return "pinned";
    });
    running = await startBot(bot);

    const alice = pod.personId("alice");
    const im = await pod.dev.createIm([alice, BOT_ID]);
    const answers = async (text: string, prefix: string) => {
      await pod.dev.postText(im, "alice", text);
      return until(
        async () => {
          const messages = await pod.dev.messages(im);
          const found = messages.find((m) => m.user.userId === BOT_ID && m.message.includes(prefix));
          return found?.message;
        },
        `the answer to ${text}`,
        async () => (await pod.dev.messages(im)).map((m) => m.message),
      );
    };
    expect(await answers("/who bo", "found:")).toContain("found: bob");
    const bob = (await pod.dev.users()).find((u) => u.username === "bob");
    expect(await answers(`/mail ${bob?.email ?? "bob@example.com"}`, "mail:")).toContain("(same)");
    expect(await answers("/busy", "presence:")).toContain("presence: BUSY");
    expect(await answers("/watch rates", "signal:")).toContain("signal: #rates subscribed 1");
    const signals = await running.connection.signals.list();
    expect(signals.map((s) => s.query)).toEqual(["HASHTAG:rates"]);
    const subscribers = await running.connection.signals.subscribers(signals[0]?.id ?? "");
    expect(subscribers.data?.map((s) => [s.userId, s.pushed])).toEqual([
      [BOT_ID, false],
      [alice, true],
    ]);
    // In a room the action's chat is the room: the handler pins the very message that asked.
    const room = await pod.dev.createRoom({
      name: "Pins",
      creatorId: alice,
      memberIds: [BOT_ID],
      ownerIds: [BOT_ID],
    });
    await pod.dev.postText(room, "alice", "/pin");
    await until(async () => {
      const messages = await pod.dev.messages(room);
      return messages.find((m) => m.user.userId === BOT_ID && m.message.includes("pinned"));
    }, "the bot to pin");
    const asked = (await pod.dev.messages(room)).find((m) => m.message.includes("/pin"));
    const info = await running.connection.streams.roomInfo(room);
    expect(info.roomAttributes?.pinnedMessageId).toBe(asked?.messageId);
  });

  it("presence of others, the presence feed; signals updated, unsubscribed, deleted; refusals are coded errors", async () => {
    const pod = await startPod();
    const running = await startBot(createBot());
    const { presence, signals } = running.connection;
    const alice = pod.personId("alice");
    const feed = await presence.createFeed();
    await presence.setFor(alice, "IN_A_MEETING");
    expect((await presence.of(alice)).category).toBe("IN_A_MEETING");
    expect((await presence.readFeed(feed)).map((p) => [p.userId, p.category])).toEqual([
      [alice, "IN_A_MEETING"],
    ]);
    expect(await presence.readFeed(feed)).toEqual([]);
    expect((await presence.all()).map((p) => p.userId)).toContain(alice);
    await presence.deleteFeed(feed);
    const gone = await failure(presence.readFeed(feed));
    expect(isSymphonyError(gone)).toBe(true);

    const signal = await signals.create({ name: "Rates", query: "HASHTAG:rates" });
    const updated = await signals.update(signal.id ?? "", {
      name: "Rates news",
      query: "HASHTAG:rates",
      companyWide: true,
    });
    expect(updated).toMatchObject({ name: "Rates news", companyWide: true });
    expect((await signals.subscribe(signal.id ?? "", [alice])).successfulSubscription).toBe(1);
    expect((await signals.unsubscribe(signal.id ?? "", [alice])).successfulSubscription).toBe(1);
    expect((await signals.get(signal.id ?? "")).name).toBe("Rates news");
    await signals.delete(signal.id ?? "");
    expect(await signals.list()).toEqual([]);
    const bad = await failure(signals.create({ name: "Bad", query: "rates" }));
    expect(String((bad as Error).message)).toContain("HASHTAG");
  });

  it("messages: blast into several streams, suppress; rooms: update, pin, search, deactivate and reactivate", async () => {
    const pod = await startPod();
    const running = await startBot(createBot());
    const { messages, streams } = running.connection;
    const alice = pod.personId("alice");
    const im = await pod.dev.createIm([alice, BOT_ID]);
    const room = await streams.createRoom({ name: "Desk", description: "Rates desk" });
    const roomId = room.roomSystemInfo?.id ?? "";

    const blast = await messages.blast([im, roomId], { message: "Markets open" });
    expect(blast.messages?.map((m) => m.stream?.streamId)).toEqual([im, roomId]);
    expect(blast.errors ?? {}).toEqual({});
    const inRoom = blast.messages?.[1]?.messageId ?? "";

    const updated = await streams.updateRoom(roomId, {
      description: "Rates and FX desk",
      pinnedMessageId: inRoom,
    });
    expect(updated.roomAttributes).toMatchObject({
      description: "Rates and FX desk",
      pinnedMessageId: inRoom,
    });
    await streams.unpinMessage(roomId);
    expect((await streams.roomInfo(roomId)).roomAttributes?.pinnedMessageId).toBeUndefined();
    // Ids in the client's standard Base64 are accepted too.
    await streams.pinMessage(roomId, inRoom.replace(/-/g, "+").replace(/_/g, "/"));
    expect((await streams.roomInfo(roomId)).roomAttributes?.pinnedMessageId).toBe(inRoom);

    const found = await streams.searchRooms({ query: "FX", labels: undefined });
    expect(found.rooms?.map((r) => r.roomSystemInfo?.id)).toEqual([roomId]);

    await streams.deactivateRoom(roomId);
    expect((await streams.roomInfo(roomId)).roomSystemInfo?.active).toBe(false);
    await streams.reactivateRoom(roomId);
    expect((await streams.roomInfo(roomId)).roomSystemInfo?.active).toBe(true);

    const suppressed = await messages.suppress(blast.messages?.[0]?.messageId ?? "");
    expect(suppressed).toMatchObject({ suppressed: true });
    const left = await pod.dev.messages(im);
    expect(left.some((m) => m.message.includes("Markets open"))).toBe(false);
  });

  it("connections: the bot asks an outsider, lists, and removes the connection", async () => {
    const pod = await startPod();
    const running = await startBot(createBot());
    const { connections } = running.connection;
    const eve = await pod.dev.createUser({ username: "eve", displayName: "Eve", external: true });
    expect(await connections.create(eve.id)).toMatchObject({ userId: eve.id, status: "PENDING_OUTGOING" });
    expect((await connections.list()).map((c) => [c.userId, c.status])).toEqual([
      [eve.id, "PENDING_OUTGOING"],
    ]);
    await pod.dev.acceptConnection("eve", BOT_ID);
    expect(await connections.info(eve.id)).toMatchObject({ status: "ACCEPTED" });
    expect(await connections.list({ status: "ACCEPTED" })).toEqual([
      expect.objectContaining({ userId: eve.id, status: "ACCEPTED" }),
    ]);
    await connections.remove(eve.id);
    expect(await connections.list({ status: "ALL" })).toEqual([]);
  });
});
