/**
 * Once over TLS: the emulator serves HTTPS with its self-signed certificate, and the adapter
 * trusts it through `ssl.trustStore.path` in config.yaml — nothing else changes.
 */
import { readFileSync } from "node:fs";
import { silentLogger } from "@sprig/core";
import { createTodoBot, NewItem, TodoList } from "@sprig/todo-bot";
import { afterEach, describe, expect, it } from "vitest";
import { type E2eChat, startE2eChat } from "./support/e2e-chat.ts";

let e2e: E2eChat | undefined;
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

describe("end to end over TLS", () => {
  it("the todo bot runs against https, trusting the emulator's certificate from config.yaml", async () => {
    e2e = await startE2eChat(createTodoBot({ logger: silentLogger }), { tls: true });
    expect(e2e.pod.emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(readFileSync(e2e.pod.configPath, "utf8")).toMatch(/trustStore:\s*\n\s*path: pod-ca\.pem/);
    expect(e2e.pod.config.trustedCertificates).toBe(e2e.pod.emulator.certificate);

    const team = e2e.chat.room("Team");
    await team
      .as("alice")
      .send("/new")
      .expectWork(TodoList, { mode: "view", value: { items: [] } });
    await team
      .send("/add")
      .expectWork(NewItem, { mode: "edit" })
      .submit({ description: "Renew the certificate" })
      .expectWork(TodoList, { value: { items: [{ description: "Renew the certificate" }] } });
  });

  it("without the trust store the bot refuses the emulator's certificate", async () => {
    const failure = await startE2eChat(createTodoBot({ logger: silentLogger }), {
      tls: true,
      trustCertificate: false,
    }).then(
      () => undefined,
      (error: unknown) => error as Error & { code?: string },
    );
    expect(failure?.code).toBe("TLS_CERTIFICATE_UNTRUSTED");
    expect(failure?.message).toMatch(
      /^login for the session token .* failed: the certificate of 127\.0\.0\.1:\d+ is not trusted/,
    );
  });
});
