/**
 * A TCP relay in front of the pod, for a bot that must find the pod unreachable for a while: while
 * it is down, connecting is refused (ECONNREFUSED, as with the pod stopped) and every connection
 * it relayed is cut; up again on the same port, it relays to the same pod, whose state (sessions,
 * the feed and its events) went on meanwhile.
 */
import { createServer, type Server, type Socket, connect as tcpConnect } from "node:net";
import type { SymphonyConfig } from "../../../src/index.ts";

export interface PodRelay {
  readonly port: number;
  /** Stops listening (connecting is refused) and cuts every relayed connection. */
  down(): Promise<void>;
  /** Listens again, on the same port. */
  up(): Promise<void>;
  /** `config` with every service reached through the relay. */
  configThrough(config: SymphonyConfig): SymphonyConfig;
  close(): Promise<void>;
}

export async function startPodRelay(podPort: number): Promise<PodRelay> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  let server: Server | undefined;
  const listen = async (port: number) => {
    const listening = createServer((client) => {
      const pod = tcpConnect(podPort, "127.0.0.1");
      track(client);
      track(pod);
      client.pipe(pod).pipe(client);
      client.on("close", () => pod.destroy());
      pod.on("close", () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      listening.once("error", reject);
      listening.listen(port, "127.0.0.1", resolve);
    });
    server = listening;
    return (listening.address() as { port: number }).port;
  };
  const down = async () => {
    const closing = server;
    server = undefined;
    if (!closing) return;
    const closed = new Promise<void>((resolve) => closing.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  const port = await listen(0);
  return {
    port,
    down,
    up: async () => {
      if (!server) await listen(port);
    },
    configThrough: (config) => ({
      ...config,
      services: Object.fromEntries(
        Object.entries(config.services).map(([name, service]) => [name, { ...service, port }]),
      ) as SymphonyConfig["services"],
    }),
    close: down,
  };
}
