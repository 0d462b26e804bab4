/**
 * Elements `pattern` attributes are Java regexes. The web chat checks them in the browser with
 * @sprig/messageml's own translation (compileJavaRegex, served to the page as /app/java-regex.js),
 * not with a plain JavaScript RegExp: Java-only syntax works, and what Java refuses is refused.
 */
import { compileJavaRegex } from "@sprig/messageml";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionsOf, openFormPage, say } from "./support/form-page.ts";
import { at } from "./support/json-reading.ts";
import { devJson } from "./support/scripted-client.ts";
import { chromiumMissing, screenshot } from "./support/web-browser.ts";
import type { WebChatPod } from "./support/web-chat-pod.ts";

// `(?i)` and a possessive quantifier: valid in Java, a syntax error for JavaScript's RegExp.
const JAVA_ONLY = `<messageML><form id="java">
<text-field name="word" label="Word" pattern="(?i)^[a-z]+$" pattern-error-message="Letters only."/>
<text-field name="code" label="Code" pattern="\\p{Upper}{2}\\d++" pattern-error-message="Two capitals, then digits."/>
<button name="send" type="action">Send</button>
</form></messageML>`;

const PLAIN = `<messageML><form id="plain">
<text-field name="ticket" label="Ticket" pattern="[A-Z]{3}" pattern-error-message="Three capitals."/>
<button name="send" type="action">Send</button>
</form></messageML>`;

/** Patterns across the kinds: what the page's module must answer exactly as Node's. */
const SAMPLES = [
  "(?i)^[a-z]+$",
  "a++",
  "\\p{Alpha}+\\s?",
  "(?x) a b # comment",
  "[a-z&&[^aeiou]]+",
  "\\Qa.b\\E",
  "[]",
  "a{,3}",
  "*a",
  "(?<1a>x)",
  "\\G",
];

const skip = chromiumMissing();

describe.skipIf(skip)("web chat: Java patterns checked in the browser as Java reads them", () => {
  let chat: WebChatPod;
  let page: Page;

  beforeAll(async () => {
    ({ chat, page } = await openFormPage({ "java form": JAVA_ONLY }));
  }, 30_000);
  afterAll(() => chat?.close());

  const errorOf = async (p: Page, label: string) => {
    const ids = ((await p.getByLabel(label).getAttribute("aria-describedby")) ?? "").split(" ");
    for (const id of ids) {
      const described = p.locator(`[id="${id}"].field-error`);
      if ((await described.count()) === 1 && (await described.isVisible())) return described.textContent();
    }
    return null;
  };

  it("the page's module is messageml's compileJavaRegex: the same answer for every kind of pattern", async () => {
    // A string, so the test runner's module transform leaves the page's dynamic import alone.
    const inPage = (await page.evaluate(`(async () => {
      const { compileJavaRegex } = await import("/app/java-regex.js");
      return ${JSON.stringify(SAMPLES)}.map((p) => {
        const r = compileJavaRegex(p);
        return r.kind === "ok" ? { kind: "ok", source: r.regex.source, flags: r.regex.flags } : r;
      });
    })()`)) as Array<{ kind: string }>;
    const inNode = SAMPLES.map((p) => {
      const r = compileJavaRegex(p);
      return r.kind === "ok" ? { kind: "ok", source: r.regex.source, flags: r.regex.flags } : r;
    });
    expect(inPage).toEqual(inNode);
    expect(inPage.map((r) => r.kind)).toEqual([
      ...Array(6).fill("ok"),
      ...Array(4).fill("refused"),
      "untranslatable",
    ]);
  });

  it("(?i) and a possessive quantifier are enforced: a bad value is blocked with the form's message, a good one is sent", async () => {
    await say(page, "java form please");
    const form = page.locator('form[data-form-id="java"]');
    await form.waitFor();
    await page.getByLabel("Word").fill("Hello1");
    await page.getByLabel("Code").fill("ab12");
    await form.getByRole("button", { name: "Send" }).click();
    expect(await errorOf(page, "Word")).toBe("Letters only.");
    expect(await errorOf(page, "Code")).toBe("Two capitals, then digits.");
    await screenshot(page, "form-java-pattern");

    await page.getByLabel("Word").fill("Hello");
    await page.getByLabel("Code").fill("AB12");
    await form.getByRole("button", { name: "Send" }).click();
    const event = await chat.bot.next(actionsOf("java"));
    expect(at(event.payload, "symphonyElementsAction", "formValues")).toEqual({
      action: "send",
      word: "Hello",
      code: "AB12",
    });
    expect(chat.bot.events.filter(actionsOf("java"))).toHaveLength(1);
  });

  it("a pattern Java refuses blocks the submit with Java's reason (a plain RegExp would take `[]`)", async () => {
    // The agent never lets such a form through, so the page is shown one by rewriting the answer it loads.
    await devJson(chat.pod.url, `/streams/${chat.im}/messages`, {
      as: chat.bot.account.id,
      messageML: PLAIN,
    });
    const other = await chat.web.open("about:blank");
    await other.route("**/emulator/v1/streams/*/messages*", async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replaceAll('pattern=\\"[A-Z]{3}\\"', 'pattern=\\"[]\\"');
      await route.fulfill({ response, body });
    });
    await other.goto(`${chat.pod.url}/?as=alice&stream=${encodeURIComponent(chat.im)}`);
    const form = other.locator('form[data-form-id="plain"]');
    await form.waitFor();
    await other.getByLabel("Ticket").fill("ABC");
    await form.getByRole("button", { name: "Send" }).click();
    expect(await errorOf(other, "Ticket")).toBe(
      "This field's pattern is not a valid Java regex (Unclosed character class): the form cannot be sent.",
    );
    await other.getByLabel("Ticket").fill("");
    await form.getByRole("button", { name: "Send" }).click();
    expect(await errorOf(other, "Ticket")).toBeNull(); // empty and not required: no pattern to check
    const event = await chat.bot.next(actionsOf("plain"));
    expect(at(event.payload, "symphonyElementsAction", "formValues")).toEqual({ action: "send", ticket: "" });
    await other.context().close();
  });
});
