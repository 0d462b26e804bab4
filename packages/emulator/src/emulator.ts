import { createServer as createHttpServer, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { registerAdminRoutes } from "./admin/admin-routes.ts";
import { podSigningKey } from "./apps/pod-signing-key.ts";
import { registerUserJwtRoutes } from "./apps/user-jwt-routes.ts";
import { registerAppAuthRoutes } from "./auth/app-auth-routes.ts";
import { registerAuthRoutes } from "./auth/auth-routes.ts";
import { SessionService } from "./auth/session-service.ts";
import { registerConnectionRoutes } from "./connections/connection-routes.ts";
import { DatafeedRegistry } from "./datafeed/datafeed-registry.ts";
import { registerDatafeedRoutes } from "./datafeed/datafeed-routes.ts";
import { type DatafeedSettings, defaultDatafeedSettings } from "./datafeed/datafeed-settings.ts";
import { registerDatahoseRoutes } from "./datafeed/datahose-routes.ts";
import { checkAccessToken, isLoopbackAddress } from "./dev/access-token.ts";
import { registerDevRoutes } from "./dev/dev-routes.ts";
import { LiveEvents } from "./dev/live-events.ts";
import { EventFactory } from "./events/event-factory.ts";
import { EventHub } from "./events/event-hub.ts";
import { FaultInjector } from "./faults/fault-injector.ts";
import { createDispatcher, type Logger } from "./http/dispatcher.ts";
import { Router } from "./http/router.ts";
import { createIdSource, type IdSource } from "./ids/id-source.ts";
import { registerMessageOperationRoutes } from "./messages/message-operations-routes.ts";
import { registerMessageRoutes } from "./messages/message-routes.ts";
import { DataDirJournal } from "./persistence/data-dir-journal.ts";
import { registerPresenceRoutes } from "./presence/presence-routes.ts";
import { type Clock, systemClock } from "./runtime/clock.ts";
import type { Pod } from "./runtime/pod.ts";
import { type RandomBytes, systemRandom } from "./runtime/random.ts";
import type { EmulatorSettings } from "./runtime/settings.ts";
import { applySeed, readSeedFile, type SeedDocument } from "./seed/seed-file.ts";
import { registerSignalRoutes } from "./signals/signal-routes.ts";
import { PodStore } from "./store/pod-store.ts";
import { registerStreamRoutes } from "./streams/stream-routes.ts";
import { loadOrCreateCertificate, type TlsCertificate } from "./tls/self-signed-certificate.ts";
import { registerUserRoutes } from "./users/user-routes.ts";
import { registerWebRoutes } from "./web/web-routes.ts";

export interface EmulatorOptions {
  /** 0 (default) lets the OS choose. */
  port?: number;
  /** Default 127.0.0.1: the emulator is a local tool. */
  host?: string;
  /** A seed document, or the path of a YAML seed file. Applied when the pod starts empty, and on reset. */
  seed?: SeedDocument | string;
  /** Persist everything here; a restart with the same directory continues where it stopped. */
  dataDir?: string;
  /** With `dataDir`: fold the journal into a new snapshot once it passes this size (and the snapshot's). Default 16 MB. */
  compactJournalBytes?: number;
  /** HTTPS: `true` makes (or reuses) a self-signed certificate in the data dir; or give key + cert PEM. */
  tls?: boolean | TlsCertificate;
  sessionTtlMs?: number;
  datafeed?: Partial<DatafeedSettings>;
  maxJsonBodyBytes?: number;
  maxMultipartBodyBytes?: number;
  maxMessageContentBytes?: number;
  /** Files of one message together (the agent's 25 MB). */
  maxAttachmentBytes?: number;
  /** The web chat's event stream: heartbeat period (15 s) and how many events per person a reconnect can replay (500). */
  liveHeartbeatMs?: number;
  liveReplayEvents?: number;
  clock?: Clock;
  random?: RandomBytes;
  ids?: IdSource;
  /** The access token to require when listening beyond loopback (default: a random one). */
  accessToken?: string;
  /** Where internal errors are reported (never with tokens or keys). Default: stderr. */
  log?: Logger;
}

export interface Emulator {
  /** `http://127.0.0.1:PORT` (or https). */
  readonly url: string;
  readonly port: number;
  /** PEM of the certificate when serving TLS, so clients can trust it. */
  readonly certificate?: string;
  /** Where that certificate's file is, when the emulator made (or reused) it (`tls: true`). */
  readonly certificatePath?: string;
  /**
   * Set when listening beyond loopback: the dev API and the web chat's page want it (see
   * `checkAccessToken`). Show it to the person starting the emulator, nowhere else.
   */
  readonly accessToken?: string;
  /** Every route served, method and path pattern (`:name` = one path segment), in matching order. */
  readonly routes: ReadonlyArray<{ readonly method: string; readonly path: string }>;
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
    maxAttachmentBytes: options.maxAttachmentBytes ?? 25 * 1024 * 1024,
  };
  const store = new PodStore();
  const hub = new EventHub(() => ids.eventId());
  let journal: DataDirJournal | undefined;
  const pod: Pod = {
    store,
    ids,
    clock,
    hub,
    events: new EventFactory(ids, clock),
    sessions: new SessionService(store, ids, clock, settings.sessionTtlMs, (change) =>
      journal?.record([change]),
    ),
    datafeeds: new DatafeedRegistry(settings.datafeed, hub, clock, ids),
    settings,
    changed: (...changes) => journal?.record(changes),
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
    journal = new DataDirJournal(options.dataDir, pod, {
      warn: log,
      minCompactBytes: options.compactJournalBytes,
    });
    if (!journal.load()) applyStartingPopulation();
  } else {
    applyStartingPopulation();
  }

  const faults = new FaultInjector(clock, () => pod.sessions.expireAll());
  const live = new LiveEvents(hub, clock, ids.eventId, {
    heartbeatMs: options.liveHeartbeatMs ?? 15_000,
    replayEvents: options.liveReplayEvents ?? 500,
  });
  const router = new Router();
  registerAuthRoutes(router, pod);
  registerAppAuthRoutes(router, pod);
  registerDatafeedRoutes(router, pod);
  registerDatahoseRoutes(router, pod);
  registerMessageRoutes(router, pod);
  registerStreamRoutes(router, pod);
  registerUserRoutes(router, pod);
  registerWebRoutes(router);
  registerConnectionRoutes(router, pod);
  registerAdminRoutes(router, pod);
  registerMessageOperationRoutes(router, pod);
  registerSignalRoutes(router, pod);
  registerUserJwtRoutes(router, pod, podSigningKey(options.dataDir));
  const presence = registerPresenceRoutes(router, pod);
  registerDevRoutes(router, pod, {
    faults,
    live,
    reset: async () => {
      pod.datafeeds.clear();
      hub.clear();
      store.clear();
      pod.changed({ kind: "reset" });
      faults.clear();
      presence.clear();
      live.reset();
      applyStartingPopulation();
    },
  });
  const dispatch = createDispatcher(
    router,
    faults,
    { json: settings.maxJsonBodyBytes, multipart: settings.maxMultipartBodyBytes },
    log,
    ids.eventId,
  );
  let accessToken: string | undefined;
  const handler = (req: Parameters<typeof dispatch>[0], res: Parameters<typeof dispatch>[1]) => {
    if (options.clock) dateFrom(clock, res);
    if (accessToken === undefined || checkAccessToken(accessToken, req, res)) void dispatch(req, res);
  };

  let certificate: TlsCertificate | undefined;
  let certificatePath: string | undefined;
  let server: Server;
  if (options.tls) {
    if (options.tls === true) {
      const dir = options.dataDir ?? join(tmpdir(), "sprig-emulator-tls");
      certificate = loadOrCreateCertificate(dir);
      certificatePath = join(dir, "tls-cert.pem");
    } else {
      certificate = options.tls;
    }
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
  if (!isLoopbackAddress(address.address)) accessToken = options.accessToken ?? ids.token();

  return {
    url,
    port: address.port,
    certificate: certificate?.cert,
    certificatePath,
    accessToken,
    routes: router.table(),
    close: async () => {
      // Save first and stop journalling: closing the feeds below must not reach the data dir.
      journal?.close();
      journal = undefined;
      pod.sessions.dispose();
      pod.datafeeds.dispose();
      live.closeAll();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/**
 * A pod tells its own time in each answer's `Date` (bots read it): with a clock given, the clock's
 * time when the answer is written (a long poll answers long after it was asked), not this machine's.
 */
function dateFrom(clock: Clock, res: ServerResponse): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((...args: unknown[]) => {
    res.setHeader("date", new Date(clock.now()).toUTCString());
    return writeHead(...args);
  }) as ServerResponse["writeHead"];
}
