import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { aliceIm, aliceSays, startNpmStart } from "./support/npm-start-child.ts";

const dir = mkdtempSync(join(tmpdir(), "sprig-start-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// npm start forks the bot as its own Node.js process: slow to start on a busy machine (bounds, not speed claims).
describe("npm start", { timeout: 120_000 }, () => {
  it("starts the emulator and the todo bot over HTTP, answers a person, and stops cleanly on Ctrl-C", async () => {
    const { child, output, exited, url } = await startNpmStart({ SPRIG_DIR: dir });
    try {
      expect(
        output()
          .out.split("\n")
          .filter((line) => line === "ready"),
      ).toHaveLength(1);
      // alice talks to the bot in her 1:1, as the web chat would post it.
      const answer = await aliceSays(url, await aliceIm(url), "/new");
      expect(answer.message).toContain('form id="todo-list"');
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
    const { out, err } = output();
    expect(out).toContain("stopped");
    // The key pair was made on this first run, in the folder given (git-ignored .sprig/ by default).
    expect(readFileSync(join(dir, "todo-bot-private.pem"), "utf8")).toContain("PRIVATE KEY");
    // Logs never show the key.
    expect(out + err).not.toContain("PRIVATE KEY");
  });

  it("says which port is taken and how to choose another, instead of a stack trace", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const refused = await startNpmStart({ PORT: String(port), SPRIG_DIR: dir }).then(
        () => new Error("npm start started on a port in use"),
        (error: Error) => error,
      );
      // Its message holds the exit code and all the child wrote to stderr.
      expect(refused.message).toContain("npm start exited (2) before ready");
      expect(refused.message).toContain(`Port ${port} is already in use`);
      expect(refused.message).toContain("PORT=0");
      expect(refused.message).not.toContain("node:net");
    } finally {
      blocker.close();
    }
  });
});
