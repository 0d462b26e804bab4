import { type ChildProcess, spawn } from "node:child_process";
import { generateKeyPairSync, X509Certificate } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parseCliArguments } from "../src/cli/cli-arguments.ts";
import { main } from "../src/cli/main.ts";
import { createSelfSignedCertificate, startEmulator } from "../src/index.ts";

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, "..", "bin", "sprig-emulator.js");

function httpsJson(
  url: string,
  options: { ca: string; method?: string; cert?: string; key?: string; body?: string },
) {
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? "GET",
        ca: options.ca,
        cert: options.cert,
        key: options.key,
        headers: { "content-type": "application/json" },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString() || "null") as unknown,
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

describe("TLS and the command line", () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "sprig-emulator-"));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("a self-signed certificate for localhost and 127.0.0.1 that Node's X509 parser accepts", () => {
    const { cert } = createSelfSignedCertificate();
    const x509 = new X509Certificate(cert);
    expect(x509.subject).toContain("CN=localhost");
    expect(x509.subjectAltName).toContain("IP Address:127.0.0.1");
    expect(x509.checkIssued(x509)).toBe(true);
    expect(x509.verify(x509.publicKey)).toBe(true);
  });

  it("--tls serves HTTPS with a certificate written to the data dir that clients can trust; mutual TLS logs a bot in", async () => {
    const dataDir = tempDir();
    const keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const emu = await startEmulator({ tls: true, dataDir });
    try {
      expect(emu.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const ca = readFileSync(join(dataDir, "tls-cert.pem"), "utf8");
      expect(ca).toBe(emu.certificate);
      const users = await httpsJson(`${emu.url}/emulator/v1/users`, { ca });
      expect(users.status).toBe(200);
      const created = await httpsJson(`${emu.url}/emulator/v1/users`, {
        ca,
        method: "POST",
        body: JSON.stringify({
          username: "cert-bot",
          bot: true,
          publicKey: keys.publicKey.export({ type: "spki", format: "pem" }),
        }),
      });
      expect(created.status).toBe(201);
      const client = createSelfSignedCertificate({ commonName: "cert-bot", keyPair: keys });
      const session = await httpsJson(`${emu.url}/sessionauth/v1/authenticate`, {
        ca,
        method: "POST",
        cert: client.cert,
        key: client.key,
      });
      expect(session).toMatchObject({ status: 200, body: { name: "sessionToken" } });
      const km = await httpsJson(`${emu.url}/keyauth/v1/authenticate`, {
        ca,
        method: "POST",
        cert: client.cert,
        key: client.key,
      });
      expect(km).toMatchObject({ status: 200, body: { name: "keyManagerToken" } });
      const stranger = createSelfSignedCertificate({ commonName: "cert-bot" }); // right name, wrong key
      const refused = await httpsJson(`${emu.url}/sessionauth/v1/authenticate`, {
        ca,
        method: "POST",
        cert: stranger.cert,
        key: stranger.key,
      });
      expect(refused.status).toBe(403);
    } finally {
      await emu.close();
    }
  });

  it("sprig-emulator keys NAME writes a key pair; the server prints its URL and serves the seed", async () => {
    const dir = tempDir();
    // `keys` runs in-process (spawning tsx is slow); the server below goes through the real bin.
    expect(await main(["keys", "demo-bot", "--dir", dir])).toBe(0);
    expect(existsSync(join(dir, "demo-bot-private.pem"))).toBe(true);
    writeFileSync(
      join(dir, "seed.yaml"),
      "users:\n  - { username: alice, displayName: Alice Smith, id: 1001 }\n  - { username: demo-bot, bot: true, publicKeyFile: demo-bot-public.pem }\nims:\n  - [alice, demo-bot]\n",
    );
    const server = spawn(process.execPath, [bin, "--port", "0", "--seed", join(dir, "seed.yaml")]);
    children.push(server);
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      server.stdout!.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const found = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
        if (found) resolve(found[0]);
      });
      server.on("exit", (code) => reject(new Error(`exited ${code}`)));
    });
    const users = (await (await fetch(`${url}/emulator/v1/users`)).json()) as Array<{
      username: string;
      hasPublicKey: boolean;
    }>;
    expect(users).toEqual(
      expect.arrayContaining([expect.objectContaining({ username: "demo-bot", hasPublicKey: true })]),
    );
    server.kill("SIGTERM");
    await new Promise((resolve) => server.on("exit", resolve));
  }, 60_000);

  it("bad command lines exit 2 with the usage", async () => {
    let err = "";
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => {
      err += chunk;
      return true;
    }) as typeof process.stderr.write;
    try {
      expect(await main(["--port", "nope"])).toBe(2);
      expect(await main(["keys"])).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(err).toContain("Usage:");
    expect(parseCliArguments(["--port", "0", "--tls", "--data-dir", "d", "--seed", "s.yaml"])).toEqual({
      kind: "serve",
      port: 0,
      host: "127.0.0.1",
      seed: "s.yaml",
      dataDir: "d",
      tls: true,
      datafeed: {},
    });
    expect(
      parseCliArguments([
        "--session-ttl-ms",
        "5000",
        "--visibility-timeout-ms",
        "200",
        "--long-poll-ms",
        "100",
        "--feed-ttl-ms",
        "60000",
        "--max-feeds-per-account",
        "3",
        "--max-batch-size",
        "10",
      ]),
    ).toMatchObject({
      sessionTtlMs: 5000,
      datafeed: {
        visibilityTimeoutMs: 200,
        longPollMs: 100,
        ttlMs: 60000,
        maxFeedsPerAccount: 3,
        maxBatchSize: 10,
      },
    });
    for (const bad of [
      ["--long-poll-ms", "0"],
      ["--feed-ttl-ms", "-5"],
      ["--session-ttl-ms", "1.5"],
      ["--long-poll-ms"],
    ])
      expect(() => parseCliArguments(bad)).toThrow(/--(long-poll|feed-ttl|session-ttl)/);
  });

  it("--tls without --data-dir prints the certificate's real path; beyond loopback it prints the token URL once", async () => {
    const server = spawn(process.execPath, [bin, "--port", "0", "--tls", "--host", "0.0.0.0"]);
    children.push(server);
    let out = "";
    let err = "";
    server.stderr!.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    const lines = await new Promise<string[]>((resolve, reject) => {
      server.stdout!.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (/\?token=\w+\n/.test(out)) resolve(out.trim().split("\n"));
      });
      server.on("exit", (code) => reject(new Error(`exited ${code}: ${err}`)));
    });
    const certificatePath = /^certificate: (.+)$/.exec(lines[0]!)![1]!;
    expect(certificatePath).not.toContain("<");
    const ca = readFileSync(certificatePath, "utf8");
    expect(new X509Certificate(ca).subject).toContain("CN=localhost");
    const link =
      /^web chat and dev API \(keep this link private\): (https:\/\/0\.0\.0\.0:(\d+))\/\?token=(\w+)$/.exec(
        lines[2]!,
      )!;
    expect(lines[1]).toBe(link[1]);
    const [port, token] = [link[2], link[3]!];
    const refused = await httpsJson(`https://127.0.0.1:${port}/emulator/v1/users`, { ca });
    expect(refused.status).toBe(401);
    const allowed = await httpsJson(`https://127.0.0.1:${port}/emulator/v1/users?token=${token}`, { ca });
    expect(allowed.status).toBe(200);
    expect(out.split(token).length - 1).toBe(1);
    server.kill("SIGTERM");
    await new Promise((resolve) => server.on("exit", resolve));
    expect(err).not.toContain(token);
  }, 60_000);
});
