import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { registerAuthRoutes } from "./auth/auth-routes.ts";
import { SessionService } from "./auth/session-service.ts";
import { registerConnectionRoutes } from "./connections/connection-routes.ts";
import { DatafeedRegistry } from "./datafeed/datafeed-registry.ts";
import { registerDatafeedRoutes } from "./datafeed/datafeed-routes.ts";
import { type DatafeedSettings, defaultDatafeedSettings } from "./datafeed/datafeed-settings.ts";
import { registerDevRoutes } from "./dev/dev-routes.ts";
import { EventFactory } from "./events/event-factory.ts";
import { EventHub } from "./events/event-hub.ts";
import { FaultInjector } from "./faults/fault-injector.ts";
import { createDispatcher, type Logger } from "./http/dispatcher.ts";
import { Router } from "./http/router.ts";
import { createIdSource, type IdSource } from "./ids/id-source.ts";
import { registerMessageRoutes } from "./messages/message-routes.ts";
import { DataDirSnapshot } from "./persistence/data-dir-snapshot.ts";
import { type Clock, systemClock } from "./runtime/clock.ts";
import type { Pod } from "./runtime/pod.ts";
import { type RandomBytes, systemRandom } from "./runtime/random.ts";
import type { EmulatorSettings } from "./runtime/settings.ts";
import { applySeed, readSeedFile, type SeedDocument } from "./seed/seed-file.ts";
import { PodStore } from "./store/pod-store.ts";
import { registerStreamRoutes } from "./streams/stream-routes.ts";
import { loadOrCreateCertificate, type TlsCertificate } from "./tls/self-signed-certificate.ts";
import { registerUserRoutes } from "./users/user-routes.ts";

export interface EmulatorOptions {
  /** 0 (default) lets the OS choose. */
  port?: number;
  /** Default 127.0.0.1: the emulator is a local tool. */
  host?: string;
  /** A seed document, or the path of a YAML seed file. Applied when the pod starts empty, and on reset. */
  seed?: SeedDocument | string;
  /** Persist everything here; a restart with the same directory continues where it stopped. */
  dataDir?: string;
  /** HTTPS: `true` makes (or reuses) a self-signed certificate in the data dir; or give key + cert PEM. */
  tls?: boolean | TlsCertificate;
  sessionTtlMs?: number;
  datafeed?: Partial<DatafeedSettings>;
  maxJsonBodyBytes?: number;
  maxMultipartBodyBytes?: number;
  maxMessageContentBytes?: number;
  clock?: Clock;
  random?: RandomBytes;
  ids?: IdSource;
  /** Where internal errors are reported (never with tokens or keys). Default: stderr. */
  log?: Logger;
}

export interface Emulator {
  /** `http://127.0.0.1:PORT` (or https). */
  readonly url: string;
  readonly port: number;
  /** PEM of the certificate when serving TLS, so clients can trust it. */
  readonly certificate?: string;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? createIdSource(options.random ?? systemRandom);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const settings: EmulatorSettings = {
    sessionTtlMs: options.sessionTtlMs ?? 2 * 60 * 60_000,
    datafeed: { ...defaultDatafeedSettings, ...options.datafeed },
    maxJsonBodyBytes: options.maxJsonBodyBytes ?? 1024 * 1024,
    maxMultipartBodyBytes: options.maxMultipartBodyBytes ?? 30 * 1024 * 1024,
    maxMessageContentBytes: options.maxMessageContentBytes ?? 1.5 * 1024 * 1024,
  };
  const store = new PodStore();
  const hub = new EventHub(() => ids.eventId());
  let persistence: DataDirSnapshot | undefined;
  const pod: Pod = {
    store,
    ids,
    clock,
    hub,
    events: new EventFactory(ids, clock),
    sessions: new SessionService(store, ids, clock, settings.sessionTtlMs),
    datafeeds: new DatafeedRegistry(settings.datafeed, hub, clock, ids),
    settings,
    changed: () => persistence?.scheduleSave(),
  };

  const seed =
    typeof options.seed === "string"
      ? readSeedFile(options.seed)
      : options.seed
        ? { seed: options.seed, baseDir: process.cwd() }
        : undefined;
  const applyStartingPopulation = () => {
    if (seed) applySeed(pod, seed.seed, seed.baseDir);
  };
  if (options.dataDir) {
    persistence = new DataDirSnapshot(options.dataDir, pod);
    if (!persistence.load()) applyStartingPopulation();
  } else {
    applyStartingPopulation();
  }

  const faults = new FaultInjector(clock);
  const router = new Router();
  registerAuthRoutes(router, pod);
  registerDatafeedRoutes(router, pod);
  registerMessageRoutes(router, pod);
  registerStreamRoutes(router, pod);
  registerUserRoutes(router, pod);
  registerConnectionRoutes(router, pod);
  registerDevRoutes(router, pod, {
    faults,
    reset: async () => {
      pod.datafeeds.clear();
      hub.clear();
      store.clear();
      faults.clear();
      applyStartingPopulation();
      pod.changed();
    },
  });
  const dispatch = createDispatcher(
    router,
    faults,
    { json: settings.maxJsonBodyBytes, multipart: settings.maxMultipartBodyBytes },
    log,
    ids.eventId,
  );
  const handler = (req: Parameters<typeof dispatch>[0], res: Parameters<typeof dispatch>[1]) =>
    void dispatch(req, res);

  let certificate: TlsCertificate | undefined;
  let server: Server;
  if (options.tls) {
    certificate =
      options.tls === true
        ? loadOrCreateCertificate(options.dataDir ?? join(tmpdir(), "sprig-emulator-tls"))
        : options.tls;
    // requestCert lets bots use certificate authentication; the client certificate is checked per account.
    server = createHttpsServer(
      { key: certificate.key, cert: certificate.cert, requestCert: true, rejectUnauthorized: false },
      handler,
    );
  } else {
    server = createHttpServer(handler);
  }
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 0;
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n");
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.address.includes(":") ? `[${address.address}]` : address.address;
  const url = `${options.tls ? "https" : "http"}://${host}:${address.port}`;

  return {
    url,
    port: address.port,
    certificate: certificate?.cert,
    close: async () => {
      // Save first and stop saving: closing the feeds below must not overwrite the snapshot.
      persistence?.saveNow();
      persistence = undefined;
      pod.datafeeds.dispose();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
