/**
 * Preloaded (`--import`) into an `npm start` child by the secrets test: it writes every session and
 * key-manager token the bot sends to the file named by `SPRIG_TEST_TOKENS`, so the test knows which
 * strings must never appear in the child's output. It only observes (undici's diagnostics channel):
 * the wiring under test, and its stdout and stderr, stay exactly those of `npm start`.
 */
import { subscribe } from "node:diagnostics_channel";
import { appendFileSync } from "node:fs";

const file = process.env.SPRIG_TEST_TOKENS;
const TOKEN_HEADERS = new Set(["sessiontoken", "keymanagertoken"]);
const seen = new Set<string>();

if (file) {
  subscribe("undici:request:create", (message) => {
    const headers = (message as { request: { headers: unknown } }).request.headers;
    if (!Array.isArray(headers)) return;
    for (let i = 0; i + 1 < headers.length; i += 2) {
      const name = String(headers[i]).toLowerCase();
      const value = String(headers[i + 1]);
      if (!TOKEN_HEADERS.has(name) || value === "" || seen.has(value)) continue;
      seen.add(value);
      appendFileSync(file, `${value}\n`);
    }
  });
}
