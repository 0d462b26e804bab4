/**
 * Hostile message content in the web chat: nothing runs, nothing escapes its message box. The page's
 * content security policy is switched off here, so what is proven is the renderer itself.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devJson } from "./support/scripted-client.ts";
import { chromiumMissing, screenshot } from "./support/web-browser.ts";
import { PEOPLE, startWebChatPod, type WebChatPod } from "./support/web-chat-pod.ts";

const PWN = "window.__pwned = (window.__pwned || 0) + 1";

/** What the pod accepts from the REST API, yet must stay inert in the page. */
const ACCEPTED_BY_THE_POD = [
  { text: `<script>${PWN}</script><img src=x onerror="${PWN}"> <a href="javascript:${PWN}">typed</a>` },
  { messageML: `<messageML><img src="javascript:${PWN}"/>img with a javascript: source</messageML>` },
  {
    messageML: `<messageML><img src="data:image/svg+xml;base64,${Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" onload="${PWN}"/>`).toString("base64")}"/>svg as an image</messageML>`,
  },
  {
    messageML: `<messageML><div style="width:5000px;height:3000px;background:red">a very large box</div></messageML>`,
  },
  {
    messageML: `<messageML><div class="entity" data-entity-id="x">&lt;img src=x onerror="${PWN}"&gt;</div></messageML>`,
    data: { x: { type: "com.example.thing", version: "1.0" } },
  },
];

/** Markup the pod refuses, as a pod that let it through (or a compromised one) would deliver it. */
const REFUSED_BY_THE_POD = [
  `<script>${PWN}</script><p>after a script</p>`,
  `<img src="x" onerror="${PWN}">`,
  `<a href="javascript:${PWN}" id="js-link">click me</a> <a href=" JaVaScRiPt:${PWN}" id="js-link-2">me too</a>`,
  `<svg onload="${PWN}"><script>${PWN}</script><foreignObject><img src=x onerror="${PWN}"></foreignObject></svg>`,
  `<style>body { display: none } .composer { display: none }</style>styled`,
  `<div style="position:fixed;inset:0;z-index:99999;background:rgba(255,0,0,.8)" id="overlay">an overlay</div>`,
  `<iframe srcdoc="<script>parent.${PWN}</script>"></iframe><object data="javascript:${PWN}"></object><embed src="javascript:${PWN}">`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${PWN}">`,
  `<p onclick="${PWN}" onmouseover="${PWN}" id="hover-me">hover and click me</p>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${PWN}"><base href="javascript:/"><a href="relative">relative</a>`,
  `<form action="javascript:${PWN}"><input name="q" onfocus="${PWN}" autofocus><button>go</button></form>`,
  `<span class="entity" data-entity-id="m">@someone</span>`,
];

const skip = chromiumMissing();

describe.skipIf(skip)("web chat: hostile messages", () => {
  let chat: WebChatPod;
  let page: Page;

  beforeAll(async () => {
    chat = await startWebChatPod();
    for (const body of ACCEPTED_BY_THE_POD) {
      await devJson(chat.pod.url, `/streams/${chat.team}/messages`, { as: "bob", ...body });
    }
    page = await chat.openAs("alice", chat.team, { bypassCSP: true });
    let n = 0;
    await page.route(
      (url) => url.pathname === `/emulator/v1/streams/${chat.team}/messages`,
      async (route) => {
        const response = await route.fetch();
        const messages = (await response.json()) as unknown[];
        const forged = REFUSED_BY_THE_POD.map((markup) => ({
          messageId: `forged-${++n}`,
          timestamp: Date.now(),
          message: `<div data-format="PresentationML" data-version="2.0">${markup}</div>`,
          data: JSON.stringify({
            m: {
              type: "com.symphony.user.mention",
              id: [{ type: "com.symphony.user.userId", value: `<img src=x onerror="${PWN}">` }],
            },
          }),
          user: { userId: PEOPLE.bob.id, displayName: "Bob Builder" },
          stream: { streamId: chat.team, streamType: "ROOM" },
        }));
        await route.fulfill({ response, json: [...messages, ...forged] });
      },
    );
    await page.reload();
    await page.getByRole("article").filter({ hasText: "hover and click me" }).waitFor();
  }, 30_000);
  afterAll(() => chat?.close());

  it("runs nothing: no script, handler, javascript: link, SVG or frame sets the page's flag", async () => {
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.locator("#hover-me, p:has-text('hover and click me')").first().hover();
    await page.getByText("hover and click me").click();
    await page.getByText("click me", { exact: true }).click();
    await page.getByText("me too").click();
    await page.getByRole("button", { name: "go" }).click();
    await page.waitForTimeout(300);
    expect(await page.evaluate("window.__pwned")).toBeUndefined();
    expect(dialogs).toEqual([]);
    // None of the dangerous elements exists in the page at all.
    expect(
      await page
        .locator(".timeline")
        .locator("script, style, iframe, object, embed, svg, meta, base, math")
        .count(),
    ).toBe(0);
    expect(
      await page
        .locator(
          ".message-body [onclick], .message-body [onerror], .message-body [onmouseover], .message-body [style]",
        )
        .count(),
    ).toBe(0);
    const hrefs = await page
      .locator(".timeline a[href]")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    for (const href of hrefs) expect(href).toMatch(/^(https?:|mailto:|\?as=)/);
    const sources = await page
      .locator(".timeline img")
      .evaluateAll((imgs) => imgs.map((i) => i.getAttribute("src")));
    for (const src of sources) expect(src).toMatch(/^(https?:|data:image\/(png|jpe?g|gif|webp|bmp|avif);)/);
    // Typed markup shows as the text it was.
    await page.getByText(`<script>${PWN}</script>`, { exact: false }).first().waitFor();
  });

  it("keeps every message inside its box: nothing covers the app, nothing stretches the page", async () => {
    await screenshot(page, "hostile-messages");
    const timeline = (await page.locator(".timeline").boundingBox())!;
    for (const article of await page.getByRole("article").all()) {
      const box = (await article.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(timeline.x - 1);
      expect(box.x + box.width).toBeLessThanOrEqual(timeline.x + timeline.width + 1);
    }
    const positioned = await page
      .locator(".message-body *")
      .evaluateAll(
        (all) =>
          all.filter((e) =>
            ["fixed", "absolute", "sticky"].includes(
              e.ownerDocument.defaultView!.getComputedStyle(e).position,
            ),
          ).length,
      );
    expect(positioned).toBe(0);
    // The composer and the person picker still receive the pointer: no overlay lies on them.
    for (const control of [page.getByRole("textbox", { name: "Message" }), page.getByLabel("You are")]) {
      const box = (await control.boundingBox())!;
      const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
      const hit = await page.evaluate(`document.elementFromPoint(${x}, ${y})?.id`);
      expect(["message", "who"]).toContain(hit);
    }
    expect(await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).toBe(true);
    expect(await page.getByRole("textbox", { name: "Message" }).isVisible()).toBe(true);
  });
});
