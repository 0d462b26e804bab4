/**
 * @sprig/symphony datafeed throughput: the adapter's v2 loop (auth headers, ack after handling, own
 * messages skipped, every event mapped to a core action through parsePresentationML) against a
 * minimal hand-written loop (raw undici `fetch`: read with ackId, JSON.parse, next) on the same
 * loopback agent stand-in, in the same run.
 *
 *   npx tsx bench/src/symphony-datafeed.ts        (EVENTS, BATCH in the environment)
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createBatchHandler,
  EventMapper,
  StreamTypeCache,
  SymphonyConnection,
  silentLogger,
} from "@sprig/symphony";
import { Agent, fetch } from "undici";
import { loopbackConfig } from "./support/loopback-config.ts";

const EVENTS = Number(process.env.EVENTS ?? 20_000);
const BATCH = Number(process.env.BATCH ?? 20);

function event(n: number) {
  const user = { userId: 1000 + (n % 50), displayName: `User ${n % 50}`, username: `u${n % 50}` };
  return {
    id: `e${n}`,
    messageId: `m${n}`,
    timestamp: 1_700_000_000_000 + n,
    type: "MESSAGESENT",
    initiator: { user },
    payload: {
      messageSent: {
        message: {
          messageId: `m${n}`,
          message: `<div data-format="PresentationML" data-version="2.0"><p><span class="entity" data-entity-id="0">@bot</span> /echo hello number ${n}</p></div>`,
          data: '{"0":{"id":[{"type":"com.symphony.user.userId","value":"7"}],"type":"com.symphony.user.mention"}}',
          user,
          stream: { streamId: `stream${n % 50}`, streamType: "ROOM" },
        },
      },
    },
  };
}

/** The agent's datafeed, reduced to what both loops need: batches of BATCH events until EVENTS are out. */
function startAgent() {
  let served = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const json = (body: unknown, status = 200) =>
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      if (req.url?.endsWith("/authenticate")) return json({ token: "bench-token-0123456789" });
      if (req.url === "/pod/v2/sessioninfo") return json({ id: 7, username: "bench-bot" });
      if (req.url === "/agent/v5/datafeeds" && req.method === "GET") return json([]);
      if (req.url === "/agent/v5/datafeeds") return json({ id: "0123456789abcdef0123456789abcdef_f" }, 201);
      const count = Math.min(BATCH, EVENTS - served);
      const events = Array.from({ length: count }, (_, i) => event(served + i));
      served += count;
      json({ events, ackId: `ack-${served}` });
    });
  });
  return new Promise<{ port: number; served: () => number; reset: () => void; close: () => void }>(
    (resolve) =>
      server.listen(0, "127.0.0.1", () =>
        resolve({
          port: (server.address() as AddressInfo).port,
          served: () => served,
          reset: () => {
            served = 0;
          },
          close: () => server.close(),
        }),
      ),
  );
}

const agent = await startAgent();
const config = loopbackConfig(agent.port);

async function rawLoop(): Promise<number> {
  const dispatcher = new Agent();
  let ackId = "";
  let handled = 0;
  while (handled < EVENTS) {
    const response = await fetch(`http://127.0.0.1:${agent.port}/agent/v5/datafeeds/feed_f/read`, {
      method: "POST",
      headers: { "content-type": "application/json", sessionToken: "t", keyManagerToken: "t" },
      body: JSON.stringify({ ackId }),
      dispatcher,
    });
    const batch = (await response.json()) as { events: unknown[]; ackId: string };
    handled += batch.events.length;
    ackId = batch.ackId;
  }
  await dispatcher.close();
  return handled;
}

async function sprigLoop(): Promise<number> {
  const connection = new SymphonyConnection(config, { logger: silentLogger() });
  await connection.start();
  const mapper = new EventMapper({ streamTypes: new StreamTypeCache() });
  let handled = 0;
  const loop = connection.createDatafeedLoop(
    createBatchHandler({
      mapper,
      handleAction: async () => {
        handled++;
        if (handled >= EVENTS) void loop.stop();
      },
    }),
    { finalAckTimeoutMs: 50 },
  );
  await loop.run();
  await connection.close();
  return handled;
}

async function measure(name: string, run: () => Promise<number>) {
  agent.reset();
  const started = performance.now();
  const handled = await run();
  const seconds = (performance.now() - started) / 1000;
  return { name, perSecond: handled / seconds, handled };
}

const runs: { name: string; perSecond: number; handled: number }[] = [];
for (let round = 0; round < 3; round++) {
  runs.push(await measure("raw fetch loop", rawLoop), await measure("sprig datafeed", sprigLoop));
}
const best = (name: string) =>
  runs.filter((r) => r.name === name).sort((a, b) => b.perSecond - a.perSecond)[0]!;
const baseline = best("raw fetch loop");
const ours = best("sprig datafeed");
console.log(`datafeed v2 on loopback: ${EVENTS} MESSAGESENT events in batches of ${BATCH}, best of 3 rounds`);
for (const r of [baseline, ours])
  console.log(`${r.name.padEnd(16)} ${r.perSecond.toFixed(0).padStart(8)} events/s`);
console.log(`ratio sprig/raw: ${(ours.perSecond / baseline.perSecond).toFixed(2)}× throughput`);
agent.close();
