import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SymphonyError } from "../errors/symphony-error.ts";
import type { BotMetrics } from "./bot-metrics.ts";
import type { FeedWatch } from "./feed-watch.ts";

export interface HealthOptions {
  /** Port of the endpoint (0: any free one; see `running.health.url`). */
  readonly port: number;
  /** Interface to listen on; default 127.0.0.1 (give "0.0.0.0" in a container). */
  readonly host?: string;
  /**
   * Ready only if a datafeed read was answered this recently (ms). A healthy long-poll answers at
   * least every ~30 s; default 90 s.
   */
  readonly maxReadAgeMs?: number;
}

export interface HealthEndpoint {
  readonly url: string;
  close(): Promise<void>;
}

interface Checks {
  readonly watch: FeedWatch;
  readonly metrics: BotMetrics;
  /** One quick call to the pod (no retry): true when it answered. */
  readonly podReachable: () => Promise<boolean>;
}

/**
 * `GET /health/live` (the process serves: 200), `GET /health/ready` (200 when the datafeed is open,
 * its last read recent and the pod answers; else 503, with each check in the JSON body) and
 * `GET /metrics` (Prometheus text). Nothing in them names a token, a key or a user.
 */
export async function startHealthServer(options: HealthOptions, checks: Checks): Promise<HealthEndpoint> {
  const maxReadAgeMs = options.maxReadAgeMs ?? 90_000;
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    const reply = (status: number, type: string, body: string) =>
      response.writeHead(status, { "content-type": type, "cache-control": "no-store" }).end(body);
    const answer = async () => {
      if (request.method !== "GET") return reply(405, "text/plain", "GET only\n");
      if (path === "/health/live") return reply(200, "application/json", '{"status":"UP"}\n');
      if (path === "/metrics") return reply(200, checks.metrics.contentType, await checks.metrics.text());
      if (path !== "/health/ready")
        return reply(404, "text/plain", "try /health/live, /health/ready, /metrics\n");
      const age = checks.watch.lastReadAgeMs();
      const datafeed = !checks.watch.ended && age !== undefined && age <= maxReadAgeMs;
      const pod = await checks.podReachable();
      const ready = datafeed && pod;
      const body = {
        status: ready ? "UP" : "DOWN",
        datafeed: { open: datafeed, lastReadAgeMs: age ?? null },
        pod: { reachable: pod },
      };
      return reply(ready ? 200 : 503, "application/json", `${JSON.stringify(body)}\n`);
    };
    answer().catch(() => reply(500, "text/plain", "health check failed\n"));
  });
  const where = `${options.host ?? "127.0.0.1"}:${options.port}`;
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new SymphonyError(
          "HEALTH_ENDPOINT_FAILED",
          `The health endpoint cannot listen on ${where} (${error.code ?? error.message}): choose another health.port (0: any free one) or health.host.`,
          { cause: error },
        ),
      ),
    );
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(":") ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
