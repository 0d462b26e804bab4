/**
 * Web chat: open a room holding 1,000 messages in Chromium, until the first message is painted.
 * Goal: under 1 s on this machine.
 *
 * Baseline, same run, same browser: loading a blank page (one paragraph) from a bare node:http server
 * until it is painted — the cost of a navigation and a paint, nothing of the app.
 *
 * Two clocks: the browser's own (navigation start → the app's "sprig:room-painted" mark, set after
 * the frame showing the messages; the blank page's first contentful paint), and the wall clock seen
 * from here (goto → message in the page → a frame later), which adds the driver's round trips.
 *
 * Run: npx tsx bench/src/webchat-open-room.ts [rounds=7]
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startEmulator } from "@sprig/emulator";
import { chromiumMissing, launchChromium } from "@sprig/emulator/web-browser";
import type { Page } from "playwright-core";

const ROUNDS = Number(process.argv[2] ?? 7);
const MESSAGES = 1000;

if (chromiumMissing()) process.exit(0);

const pod = await startEmulator({
  port: 0,
  seed: {
    users: [
      { id: 1001, username: "alice", displayName: "Alice Smith" },
      { id: 1002, username: "bob", displayName: "Bob Jones" },
    ],
    rooms: [{ name: "Busy", creator: "alice", members: ["bob"], owners: ["alice"] }],
  },
});
const streams = (await (await fetch(`${pod.url}/emulator/v1/users/alice/streams`)).json()) as Array<{
  id: string;
}>;
const room = streams[0]!.id;
const rich = `<messageML><p>Release <b>notes</b> for <i>today</i>, see <a href="https://example.com/x">the page</a></p><ul><li>one</li><li>two</li></ul><table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table></messageML>`;
for (let i = 0; i < MESSAGES; i++) {
  const body =
    i % 5 === 0 ? { messageML: rich } : { text: `message ${i} from @bob about #release and $TSLA` };
  const res = await fetch(`${pod.url}/emulator/v1/streams/${room}/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ as: i % 2 ? "alice" : "bob", ...body }),
  });
  if (!res.ok) throw new Error(`seeding message ${i}: ${res.status} ${await res.text()}`);
}

const blank = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  res.end("<!doctype html><title>blank</title><p>blank</p>");
});
await new Promise<void>((resolve) => blank.listen(0, "127.0.0.1", resolve));
const blankUrl = `http://127.0.0.1:${(blank.address() as AddressInfo).port}/`;

const web = await launchChromium();
const painted = (page: Page) =>
  page.evaluate("new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))");

/**
 * `{wall, page}` in milliseconds: the wall clock from navigation until `selector` exists and a frame
 * was painted after it; the page's own clock from navigation start to the `mark` entry.
 */
async function timeOpen(
  url: string,
  selector: string,
  mark: string,
): Promise<{ wall: number; page: number }> {
  const context = await web.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const start = performance.now();
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForSelector(selector, { state: "visible" });
  await painted(page);
  const wall = performance.now() - start;
  const inPage = Number(
    await page
      .waitForFunction(`performance.getEntriesByName(${JSON.stringify(mark)})[0]?.startTime`)
      .then((h) => h.jsonValue()),
  );
  if (process.env.SPRIG_BENCH_TRACE) {
    const entries = (await page.evaluate(
      `performance.getEntries().map((e) => [e.entryType, e.name.replace(location.origin, ""), Math.round(e.startTime), Math.round(e.duration)])`,
    )) as unknown[];
    console.log(entries.map((e) => JSON.stringify(e)).join("\n"));
  }
  await context.close();
  return { wall, page: inPage };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const appUrl = `${pod.url}/?as=alice&stream=${encodeURIComponent(room)}`;
const openBlank = () => timeOpen(blankUrl, "p", "first-contentful-paint");
const openApp = () => timeOpen(appUrl, "article", "sprig:room-painted");
// One warm-up of each: the browser's own start-up is not what is measured.
await openBlank();
await openApp();
const baseline: Array<{ wall: number; page: number }> = [];
const app: Array<{ wall: number; page: number }> = [];
for (let i = 0; i < ROUNDS; i++) {
  baseline.push(await openBlank());
  app.push(await openApp());
}
for (const clock of ["page", "wall"] as const) {
  const a = median(app.map((r) => r[clock]));
  const b = median(baseline.map((r) => r[clock]));
  const label = clock === "page" ? "browser clock" : "wall clock (with driver round trips)";
  console.log(
    `${label}: room of ${MESSAGES} messages, first message painted: median ${a.toFixed(0)} ms over ${ROUNDS} opens`,
  );
  console.log(`${label}: baseline, blank page painted: median ${b.toFixed(0)} ms`);
  console.log(
    `${label}: ratio app / blank page ${(a / b).toFixed(1)}x; goal < 1000 ms: ${a < 1000 ? "met" : "NOT met"}`,
  );
}

await web.close();
blank.close();
await pod.close();
