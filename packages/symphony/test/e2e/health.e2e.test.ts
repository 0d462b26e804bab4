import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { createBot } from "@sprig/core";
import { describe, expect, it } from "vitest";
import { type SymphonyBot, silentLogger, symphony } from "../../src/index.ts";
import { podAndBotsPerTest } from "./support/pod-and-bots.ts";
import { BOT_ID } from "./support/test-pod.ts";
import { until } from "./support/until.ts";

// The health endpoint, scraped while the bot runs on the emulator: live, ready while the datafeed
// reads, not ready once the emulator fails every read (a fault), ready again when it heals; metrics
// count what happened, and carry no secret.

const { startPod, startBot } = podAndBotsPerTest();
const READ = "/agent/v5/datafeeds/*/read";

async function get(running: SymphonyBot, path: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${running.health?.url}${path}`);
  return { status: response.status, text: await response.text() };
}

/** The value of one sample line of the metrics text, 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

describe("health and metrics endpoint", () => {
  it("is live, ready while reading, counts events, actions and sends, and shows no secret", async () => {
    const pod = await startPod();
    const bot = createBot();
    bot.command("hello", { description: "Say hello" }, ({ user }) => `Hello, ${user.name}!`);
    const running = await startBot(bot, { health: { port: 0, maxReadAgeMs: 1_000 } });

    expect(await get(running, "/health/live")).toMatchObject({ status: 200 });
    const ready = await until(async () => {
      const answer = await get(running, "/health/ready");
      return answer.status === 200 ? answer : undefined;
    }, "ready");
    expect(JSON.parse(ready.text)).toMatchObject({
      status: "UP",
      datafeed: { open: true },
      pod: { reachable: true },
    });

    const im = await pod.dev.createIm([pod.personId("alice"), BOT_ID]);
    await pod.dev.postText(im, "alice", "/hello");
    const metrics = await until(async () => {
      const { text } = await get(running, "/metrics");
      return sample(text, "sprig_symphony_messages_sent_total") >= 1 ? text : undefined;
    }, "the answer to be counted");
    expect(sample(metrics, 'sprig_symphony_events_read_total{type="MESSAGESENT"}')).toBeGreaterThanOrEqual(1);
    expect(sample(metrics, 'sprig_symphony_actions_total{outcome="command"}')).toBe(1);
    // Every action is timed: the command, and the IM's creation (an event action since the bot sees
    // non-message events too).
    const handled = [...metrics.matchAll(/^sprig_symphony_actions_total\{[^}]*\} (\d+)$/gm)]
      .map((m) => Number(m[1]))
      .reduce((a, b) => a + b, 0);
    expect(sample(metrics, "sprig_symphony_action_duration_seconds_count")).toBe(handled);
    expect(metrics).toContain("sprig_symphony_dedupe_hits_total 0");

    // No token, key or password of the connection appears in what the endpoint serves.
    const served = metrics + ready.text + (await get(running, "/health/live")).text;
    expect(running.connection.secrets.scrub(served)).toBe(served);
    expect(served).not.toContain("alice");
  });

  it("turns not ready while the datafeed fails, and ready again once it heals; retries are counted", async () => {
    const pod = await startPod();
    const running = await startBot(createBot(), { health: { port: 0, maxReadAgeMs: 1_000 } });
    await until(
      async () => ((await get(running, "/health/ready")).status === 200 ? true : undefined),
      "ready",
    );

    await pod.dev.addFault({ path: READ, status: 503, times: 1_000_000 });
    const down = await until(async () => {
      const answer = await get(running, "/health/ready");
      return answer.status === 503 ? answer : undefined;
    }, "not ready");
    expect(JSON.parse(down.text)).toMatchObject({
      status: "DOWN",
      datafeed: { open: false },
      pod: { reachable: true },
    });
    expect((await get(running, "/health/live")).status).toBe(200);
    const { text } = await get(running, "/metrics");
    expect(sample(text, 'sprig_symphony_rest_retries_total{operation="read datafeed"}')).toBeGreaterThan(0);

    await pod.dev.clearFaults();
    await until(
      async () => ((await get(running, "/health/ready")).status === 200 ? true : undefined),
      "ready again",
    );
  });

  it("a port in use fails start() with a clear error, before the datafeed is opened", async () => {
    const pod = await startPod();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const running = symphony(createBot(), {
        config: pod.configPath,
        logger: silentLogger(),
        health: { port },
      });
      const error = await running.start().then(
        () => undefined,
        (caught: Error & { code?: string }) => caught,
      );
      expect(error).toMatchObject({ code: "HEALTH_ENDPOINT_FAILED" });
      expect(error?.message).toContain(`127.0.0.1:${port} (EADDRINUSE)`);
      await running.stop();
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it("is not served once the bot stops", async () => {
    await startPod();
    const running = await startBot(createBot(), { health: { port: 0 } });
    const url = running.health?.url;
    expect((await fetch(`${url}/health/live`)).status).toBe(200);
    await running.stop();
    await expect(fetch(`${url}/health/live`)).rejects.toThrow();
  });
});
