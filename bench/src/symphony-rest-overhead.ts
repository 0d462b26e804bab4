/**
 * @sprig/symphony REST client overhead: the adapter's client (tokens, retry bookkeeping, logging,
 * JSON parsing) against raw undici `fetch` on the same loopback server, in the same run.
 *
 *   npx tsx bench/src/symphony-rest-overhead.ts        (CALLS, CONCURRENCY in the environment)
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SymphonyConnection, silentLogger } from "@sprig/symphony";
import { Agent, fetch } from "undici";
import { loopbackConfig } from "./support/loopback-config.ts";

const CALLS = Number(process.env.CALLS ?? 3000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);

const body = JSON.stringify({ id: 7696581394433, username: "bench-bot", displayName: "Bench Bot" });
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    const isLogin = req.url === "/login/pubkey/authenticate" || req.url === "/relay/pubkey/authenticate";
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(isLogin ? '{"token":"bench-token-0123456789"}' : body);
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const port = (server.address() as AddressInfo).port;

const config = loopbackConfig(port);
const connection = new SymphonyConnection(config, { logger: silentLogger() });
await connection.start();
const rawAgent = new Agent();

interface Figures {
  name: string;
  perSecond: number;
  p50: number;
  p99: number;
}

async function measure(name: string, call: () => Promise<unknown>): Promise<Figures> {
  for (let i = 0; i < 200; i++) await call(); // warm-up
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < CALLS) {
        const t = performance.now();
        await call();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!;
  return { name, perSecond: CALLS / seconds, p50: pct(0.5), p99: pct(0.99) };
}

const raw = () =>
  fetch(`http://127.0.0.1:${port}/pod/v2/sessioninfo`, {
    headers: { sessionToken: "bench-token-0123456789", accept: "application/json" },
    dispatcher: rawAgent,
  }).then((r) => r.json());
const sprig = () => connection.sessionApi.sessionInfo();

// Alternate the two so the shared machine's noise falls on both.
const runs: Figures[] = [];
for (let round = 0; round < 3; round++) {
  runs.push(await measure("raw undici fetch", raw), await measure("sprig RestClient", sprig));
}
const best = (name: string) =>
  runs.filter((r) => r.name === name).sort((a, b) => b.perSecond - a.perSecond)[0]!;
const baseline = best("raw undici fetch");
const ours = best("sprig RestClient");
const show = (r: Figures) =>
  `${r.name.padEnd(18)} ${r.perSecond.toFixed(0).padStart(7)} calls/s   p50 ${r.p50.toFixed(3)} ms   p99 ${r.p99.toFixed(3)} ms`;
console.log(
  `GET /pod/v2/sessioninfo on loopback, ${CALLS} calls, concurrency ${CONCURRENCY}, best of 3 rounds`,
);
console.log(show(baseline));
console.log(show(ours));
console.log(
  `ratio sprig/raw: throughput ${(ours.perSecond / baseline.perSecond).toFixed(2)}×, ` +
    `p50 ${(ours.p50 / baseline.p50).toFixed(2)}×, p99 ${(ours.p99 / baseline.p99).toFixed(2)}×`,
);

await connection.close();
await rawAgent.close();
server.close();
