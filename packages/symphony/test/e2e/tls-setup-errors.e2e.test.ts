/**
 * A TLS setup mistake against the emulator fails the start at once, with a code and the setting to
 * change — not ~8.5 minutes of backoff on a failure no retry can fix. The recording clock shows
 * that no backoff was waited.
 */
import { afterEach, describe, expect, it } from "vitest";
import { SymphonyConnection, type SymphonyError, silentLogger } from "../../src/index.ts";
import { recordingClock } from "../fake-symphony/test-config.ts";
import { startTestPod, type TestPod } from "./support/test-pod.ts";

let pod: TestPod | undefined;
let connection: SymphonyConnection | undefined;
afterEach(async () => {
  await connection?.close();
  await pod?.close();
  connection = undefined;
  pod = undefined;
});

async function startFails(config: TestPod["config"]) {
  const clock = recordingClock();
  connection = new SymphonyConnection(config, { logger: silentLogger(), clock });
  const error = await connection.start().then(
    () => undefined,
    (caught: unknown) => caught as SymphonyError,
  );
  return { error, clock };
}

describe("TLS setup errors against the emulator", () => {
  it("its --tls certificate not trusted: TLS_CERTIFICATE_UNTRUSTED, set ssl.trustStore.path, no retry", async () => {
    pod = await startTestPod({ tls: true, trustCertificate: false });
    expect(pod.config.retry.maxAttempts).toBe(10);
    const { error, clock } = await startFails(pod.config);
    expect(error?.code).toBe("TLS_CERTIFICATE_UNTRUSTED");
    expect(error?.message).toContain("set ssl.trustStore.path to the pod's CA certificate (PEM)");
    expect(error?.message).toContain("DEPTH_ZERO_SELF_SIGNED_CERT");
    expect(clock.sleeps).toEqual([]);
  });

  it("https configured against the plain-HTTP emulator: TLS_PLAIN_HTTP_SERVER, set scheme: http, no retry", async () => {
    pod = await startTestPod();
    const https = Object.fromEntries(
      Object.entries(pod.config.services).map(([name, service]) => [name, { ...service, scheme: "https" }]),
    ) as TestPod["config"]["services"];
    const { error, clock } = await startFails({ ...pod.config, services: https });
    expect(error?.code).toBe("TLS_PLAIN_HTTP_SERVER");
    expect(error?.message).toContain("set scheme: http");
    expect(clock.sleeps).toEqual([]);
  });
});
