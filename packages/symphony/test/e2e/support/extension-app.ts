/**
 * An extension app for OBO and the circle of trust: one RSA key pair made for the run, the `app`
 * section of a bot's config that signs with it, and the app's registration on the emulator
 * (`POST /emulator/v1/apps`, with the people it may act for).
 */
import { generateKeyPairSync } from "node:crypto";
import type { TestPod } from "./test-pod.ts";

export const appKeys = (() => {
  const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privateKeyPem: pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: pair.publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
})();

/** The bot's config naming the app `appId`, its private key given inline. */
export function appConfig(appId: string) {
  return { app: { appId, privateKey: { content: appKeys.privateKeyPem } } };
}

/** Registers the app on the pod with `appKeys`' public key; `users`: whom it may act for (all when absent). */
export async function registerApp(pod: TestPod, app: { appId: string; name?: string; users?: string[] }) {
  const res = await fetch(`${pod.emulator.url}/emulator/v1/apps`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...app, publicKey: appKeys.publicKeyPem }),
  });
  if (res.status !== 201)
    throw new Error(`registering the app ${app.appId}: ${res.status} ${await res.text()}`);
}
