import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLoopbackAddress } from "../src/dev/access-token.ts";
import { type Emulator, startEmulator } from "../src/index.ts";

describe("access token when listening beyond loopback", () => {
  let emu: Emulator;
  let base: string;
  beforeAll(async () => {
    emu = await startEmulator({ host: "0.0.0.0" });
    base = `http://127.0.0.1:${emu.port}`;
  });
  afterAll(() => emu.close());

  const reasonOf = async (res: Response) => [res.status, ((await res.json()) as { reason?: string }).reason];

  it("has a token, and the dev API refuses a request without it, or with a wrong one, in every form", async () => {
    expect(emu.accessToken).toMatch(/^[0-9a-f]{64}$/);
    const wrong = `${emu.accessToken!.slice(0, -1)}${emu.accessToken!.endsWith("0") ? "1" : "0"}`;
    const refused = [
      await fetch(`${base}/emulator/v1/users`),
      await fetch(`${base}/emulator/v1/users`, { headers: { authorization: `Bearer ${wrong}` } }),
      await fetch(`${base}/emulator/v1/users?token=${wrong}`),
      await fetch(`${base}/emulator/v1/users`, { headers: { cookie: `sprig-emulator-token=${wrong}` } }),
      await fetch(`${base}/emulator/v1/users`, { headers: { authorization: `Bearer ${emu.accessToken}x` } }),
      await fetch(`${base}/emulator/v1/users`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"username":"sneaky"}',
      }),
      await fetch(`${base}/`),
    ];
    for (const res of refused) expect(await reasonOf(res)).toEqual([401, "ACCESS_TOKEN_REQUIRED"]);
    // Nothing refused had an effect.
    const users = await fetch(`${base}/emulator/v1/users`, {
      headers: { authorization: `Bearer ${emu.accessToken}` },
    });
    expect(await users.json()).toEqual([]);
  });

  it("accepts it as a Bearer header, as ?token= and as the cookie", async () => {
    const token = emu.accessToken!;
    for (const res of [
      await fetch(`${base}/emulator/v1/users`, { headers: { authorization: `Bearer ${token}` } }),
      await fetch(`${base}/emulator/v1/users?token=${token}`),
      await fetch(`${base}/emulator/v1/users`, {
        headers: { cookie: `other=1; sprig-emulator-token=${token}` },
      }),
    ])
      expect(res.status).toBe(200);
  });

  it("opening / with the token sets the HttpOnly SameSite=Strict cookie the web app's calls then carry", async () => {
    const page = await fetch(`${base}/?token=${emu.accessToken}`);
    expect(page.status).not.toBe(401);
    const cookie = page.headers.get("set-cookie")!;
    expect(cookie).toBe(`sprig-emulator-token=${emu.accessToken}; Path=/; HttpOnly; SameSite=Strict`);
    const withCookie = await fetch(`${base}/emulator/v1/users`, {
      headers: { cookie: cookie.split(";")[0]! },
    });
    expect(withCookie.status).toBe(200);
    // A wrong ?token= on / sets nothing.
    const wrong = await fetch(`${base}/?token=nope`);
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("set-cookie")).toBeNull();
  });

  it("the app's static files and the bots' REST API need no access token", async () => {
    expect((await fetch(`${base}/app/app.js`)).status).not.toBe(401);
    expect((await fetch(`${base}/agent/v3/health`)).status).toBe(200);
    // The REST API keeps its own authentication.
    expect((await fetch(`${base}/pod/v2/sessioninfo`)).status).toBe(401);
    expect((await (await fetch(`${base}/pod/v2/sessioninfo`)).json()) as object).not.toHaveProperty(
      "reason",
      "ACCESS_TOKEN_REQUIRED",
    );
  });
});

describe("loopback stays tokenless", () => {
  it("no token on 127.0.0.1", async () => {
    const emu = await startEmulator();
    try {
      expect(emu.accessToken).toBeUndefined();
      expect((await fetch(`${emu.url}/emulator/v1/users`)).status).toBe(200);
    } finally {
      await emu.close();
    }
  });

  it("knows loopback addresses", () => {
    for (const a of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"])
      expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ["0.0.0.0", "::", "10.0.0.1", "192.168.1.2", "::ffff:10.0.0.1", "128.0.0.1"])
      expect(isLoopbackAddress(a)).toBe(false);
  });
});
