/**
 * What most of the adapter's tests begin with: a fake pod, and a connection started on it with the
 * test config (every service on that pod, fast retries) and a clock whose sleeps are recorded.
 */
import { type SymphonyConfig, SymphonyConnection, silentLogger } from "../../src/index.ts";
import { botKeyPair, FakePod } from "./fake-pod.ts";
import { recordingClock, testConfig } from "./test-config.ts";

export interface ConnectedOptions {
  /** How long the fake pod holds an empty datafeed read (ms). */
  readonly longPollMs?: number;
  /** Datafeed settings over the test config's (e.g. `version: "v1"`, a `tag`). */
  readonly datafeed?: Partial<SymphonyConfig["datafeed"]>;
  readonly clock?: ReturnType<typeof recordingClock>;
}

export async function startConnected(
  options: ConnectedOptions = {},
): Promise<{ pod: FakePod; connection: SymphonyConnection }> {
  const keys = botKeyPair();
  const pod = await FakePod.start({
    publicKey: keys.publicKey,
    ...(options.longPollMs === undefined ? {} : { longPollMs: options.longPollMs }),
  });
  const base = testConfig(pod.port, keys.pkcs8);
  const connection = new SymphonyConnection(
    { ...base, datafeed: { ...base.datafeed, ...options.datafeed } },
    { logger: silentLogger(), clock: options.clock ?? recordingClock() },
  );
  await connection.start();
  return { pod, connection };
}
