import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SymphonyConnection, toStandardId } from "../../src/index.ts";
import { startConnected } from "../fake-symphony/connected.ts";
import type { FakePod } from "../fake-symphony/fake-pod.ts";

// What reaches the wire when a bot author passes ids as the client shows them (standard Base64):
// every path, query and body carries the URL-safe form the API wants. (The emulator accepts both
// alphabets, so only a recording server shows which one the adapter sent.)

const STREAM = "lX1hwfmQ-AK_k_a_BB0y2n___q2-0KfbdA";
const MESSAGE = "gXFV8vN37dNqjojYS_y2wX___o2KxfmUdA";
let pod: FakePod;
let connection: SymphonyConnection;

beforeAll(async () => {
  ({ pod, connection } = await startConnected());
  for (const method of ["GET", "POST"]) {
    pod.server.on(method, /^\/(agent|pod)\/v\d\/(stream|message|room|streams)/, (r) =>
      r.path.startsWith("/agent")
        ? pod.agent(r, () => ({ json: r.path.endsWith("/attachment") ? "cGF5bG9hZA==" : {} }))
        : pod.pod(r, () => ({ json: r.path.endsWith("/list") ? [] : {} })),
    );
  }
});
afterAll(async () => {
  await connection.close();
  await pod.close();
});

describe("ids given in standard Base64 go out URL-safe", () => {
  it("in every path, query and body the message and stream APIs build", async () => {
    const stream = toStandardId(STREAM);
    const message = toStandardId(MESSAGE);
    expect(stream).toMatch(/[+/=]/);
    const since = pod.server.requests.length;
    const { messages, streams } = connection;
    await messages.send(stream, { message: "hi" });
    await messages.update(stream, message, { message: "hi again" });
    await messages.get(message);
    await messages.list(stream, { since: 0 });
    await messages.search({ streamId: stream, hashtag: "x" });
    await messages.attachment(stream, message, "file-1");
    await streams.streamInfo(stream);
    await streams.roomInfo(stream);
    await streams.members(stream);
    await streams.changeMembership(stream, "add", 1001);

    const sent = pod.server.requests.slice(since);
    expect(sent).toHaveLength(10);
    for (const request of sent) {
      const wire = `${request.path}?${request.query.toString()} ${JSON.stringify(request.json ?? null)}`;
      // No "+", no escaped "/" or "=", no padding (the query's own "=" aside).
      expect(wire, request.path).not.toMatch(/\+|%2B|%2F|%3D|==/i);
      const messageOnly = /^\/agent\/v1\/message\/(?!search)/.test(request.path);
      expect(wire, request.path).toContain(messageOnly ? MESSAGE : STREAM);
    }
    const attachment = sent.find((r) => r.path.endsWith("/attachment"));
    expect(attachment?.query.get("messageId")).toBe(MESSAGE);
    const search = sent.find((r) => r.path.endsWith("/search"));
    expect((search?.json as { streamId?: string } | undefined)?.streamId).toBe(STREAM);
  });
});
