/**
 * The web chat in Chromium, through the UI only: alice fills a bot's form holding every Elements
 * element; the bot reads the SYMPHONYELEMENTSACTION from its datafeed with the formValues the
 * reference describes. The client-side checks block bad submits; @ completion makes a real mention.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionsOf, openFormPage, say } from "./support/form-page.ts";
import { at } from "./support/json-reading.ts";
import { chromiumMissing, screenshot } from "./support/web-browser.ts";
import { PEOPLE, type WebChatPod } from "./support/web-chat-pod.ts";

const EVERY_ELEMENT = `<messageML><h3>Everything</h3><form id="everything">
<text-field name="name" label="Your name" required="true" placeholder="Name"/>
<text-field name="code" label="Code" pattern="[A-Z]{3}" pattern-error-message="Three capital letters, please."/>
<text-field name="secret" label="Secret" masked="true" minlength="4" maxlength="20"/>
<text-field name="preset" label="Preset" title="Sent as it is">kept as is</text-field>
<textarea name="notes" label="Notes" placeholder="Anything else"></textarea>
<checkbox name="fruits" value="apple" checked="true">Apple</checkbox>
<checkbox name="fruits" value="pear">Pear</checkbox>
<checkbox name="agree" value="yes">I agree</checkbox>
<radio name="size" value="s">Small</radio><radio name="size" value="m" checked="true">Medium</radio><radio name="size" value="l">Large</radio>
<select name="city" label="City"><option value="ny">New York</option><option value="par">Paris</option></select>
<select name="langs" label="Languages" multiple="true" min="1" max="2"><option value="en">English</option><option value="fr">French</option><option value="de">German</option></select>
<person-selector name="people" label="People" placeholder="Search people"/>
<room-selector name="rooms" label="Rooms"/>
<date-picker name="when" label="Day"/>
<time-picker name="at" label="Hour"/>
<timezone-picker name="zone" label="Time zone" value="Europe/Paris"/>
<button name="submit" type="action">Submit</button>
<button type="reset">Reset</button>
</form></messageML>`;

const CHECKED = `<messageML><form id="checked">
<text-field name="title" label="Title" required="true"/>
<text-field name="ticket" label="Ticket" pattern="[A-Z]+-[0-9]+" pattern-error-message="Use a ticket id like ABC-123."/>
<text-field name="why" label="Why" minlength="5"/>
<button name="save" type="action">Save</button>
</form></messageML>`;

const KEYBOARD = `<messageML><form id="keyboard">
<text-field name="topic" label="Topic" required="true"/>
<select name="priority" label="Priority"><option value="low">Low</option><option value="high">High</option></select>
<checkbox name="urgent" value="yes">Urgent</checkbox>
<button name="file" type="action">File it</button>
</form></messageML>`;

const skip = chromiumMissing();

describe.skipIf(skip)("web chat: Elements forms and mentions in Chromium", () => {
  let chat: WebChatPod;
  let page: Page;

  beforeAll(async () => {
    ({ chat, page } = await openFormPage({
      everything: EVERY_ELEMENT,
      checked: CHECKED,
      keyboard: KEYBOARD,
    }));
  }, 30_000);
  afterAll(() => chat?.close());

  it("fills every element of the bot's form; the bot's datafeed gets formValues as the reference describes", async () => {
    await say(page, "show me everything");
    const form = page.locator('form[data-form-id="everything"]');
    await form.waitFor();
    await page.getByLabel("Your name").fill("Alice");
    await page.getByLabel("Code").fill("ABC");
    await page.getByLabel("Secret").fill("hunter22");
    await page.getByLabel("Notes").fill("Line one\nLine two");
    await page.getByLabel("Pear").check();
    await page.getByLabel("Large").check();
    await page.getByLabel("City").selectOption("par");
    await page.getByLabel("Languages").selectOption(["en", "fr"]);
    const people = page.getByRole("combobox", { name: "People" });
    await people.fill("Bob");
    await page
      .getByRole("listbox")
      .getByRole("option", { name: /Bob Builder/ })
      .click();
    const rooms = page.getByRole("combobox", { name: "Rooms" });
    await rooms.fill("Tea");
    await rooms.press("Enter");
    await page.getByLabel("Day").fill("2026-03-14");
    await page.getByLabel("Hour").fill("09:30");
    await page.getByLabel("Time zone").selectOption("Asia/Tokyo");
    await screenshot(page, "form-every-element-filled");
    await form.getByRole("button", { name: "Submit" }).click();

    const event = await chat.bot.next(actionsOf("everything"));
    const values = at(event.payload, "symphonyElementsAction", "formValues") as Record<string, unknown>;
    expect({ ...values, fruits: [...(values.fruits as string[])].sort() }).toEqual({
      action: "submit",
      name: "Alice",
      code: "ABC",
      secret: "hunter22",
      preset: "kept as is",
      notes: "Line one\nLine two",
      fruits: ["apple", "pear"],
      size: "l",
      city: "par",
      langs: ["en", "fr"],
      people: [PEOPLE.bob.id],
      rooms: { userIds: [], streamIds: [chat.team] },
      when: "2026-03-14",
      at: "09:30:00",
      zone: "Asia/Tokyo",
    });
    expect(values).not.toHaveProperty("agree");
    // Submitted once, the form is read-only.
    await expect.poll(() => page.getByLabel("Your name").isDisabled()).toBe(true);
    expect(await form.getByRole("button", { name: "Submit" }).isDisabled()).toBe(true);
    await screenshot(page, "form-submitted");
  });

  it("blocks the submit on an empty required field, a pattern mismatch and a too-short value, with each message next to its field", async () => {
    await say(page, "checked please");
    const form = page.locator('form[data-form-id="checked"]');
    await form.waitFor();
    /** The visible error message the field points at with aria-describedby, or null. */
    const errorOf = async (label: string) => {
      const ids = ((await page.getByLabel(label).getAttribute("aria-describedby")) ?? "").split(" ");
      for (const id of ids) {
        const described = page.locator(`[id="${id}"].field-error`);
        if ((await described.count()) === 1 && (await described.isVisible())) return described.textContent();
      }
      return null;
    };
    const save = form.getByRole("button", { name: "Save" });

    await page.getByLabel("Ticket").fill("nope");
    await page.getByLabel("Why").fill("abc");
    await save.click();
    expect(await errorOf("Title")).toBe("This field is required.");
    expect(await errorOf("Ticket")).toBe("Use a ticket id like ABC-123.");
    expect(await errorOf("Why")).toBe("Enter at least 5 characters.");
    expect(await page.getByLabel("Title").getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => page.evaluate('document.activeElement?.getAttribute("name")')).toBe("title");
    await screenshot(page, "form-validation");

    // Fixing one field at a time: each remaining check still blocks.
    await page.getByLabel("Title").fill("Release");
    await save.click();
    expect(await errorOf("Title")).toBeNull();
    expect(await errorOf("Ticket")).toBe("Use a ticket id like ABC-123.");
    await page.getByLabel("Ticket").fill("REL-42");
    await save.click();
    expect(await errorOf("Why")).toBe("Enter at least 5 characters.");
    await page.getByLabel("Why").fill("because");
    await save.click();

    const event = await chat.bot.next(actionsOf("checked"));
    expect(at(event.payload, "symphonyElementsAction", "formValues")).toEqual({
      action: "save",
      title: "Release",
      ticket: "REL-42",
      why: "because",
    });
    // The blocked attempts never reached the bot: this is its only action for that form.
    expect(chat.bot.events.filter(actionsOf("checked"))).toHaveLength(1);
  });

  it("@ completion turns the chosen person into a mention the bot receives as that user", async () => {
    const box = page.getByRole("textbox", { name: "Message" });
    await box.fill("ping @For");
    await page
      .getByRole("listbox")
      .getByRole("option", { name: /form-bot/i })
      .waitFor();
    await box.press("Enter"); // picks the highlighted suggestion, does not send
    await box.pressSequentially("about #release and $TSLA <b>not bold</b>");
    await box.press("Enter");
    const sent = await chat.bot.next(
      (e) =>
        e.type === "MESSAGESENT" &&
        String(at(e.payload, "messageSent", "message", "message")).includes("about"),
    );
    const message = at(sent.payload, "messageSent", "message") as { message: string; data: string };
    const data = JSON.parse(message.data) as Record<string, { type: string; id: Array<{ value: string }> }>;
    const mentions = Object.values(data).filter((d) => d.type === "com.symphony.user.mention");
    expect(mentions.map((m) => m.id[0]!.value)).toEqual([String(chat.bot.account.id)]);
    const tags = Object.values(data).map((d) => `${d.type}:${d.id[0]!.value}`);
    expect(tags).toContain("org.symphonyoss.taxonomy:release");
    expect(tags).toContain("org.symphonyoss.fin.security:TSLA");
    // Typed markup stayed text.
    expect(message.message).toContain("&lt;b&gt;not bold&lt;/b&gt;");
    const article = page.getByRole("article", { name: /^Alice Smith/ }).last();
    await expect.poll(() => article.locator(".chip.mention").textContent()).toMatch(/^@/);
    await screenshot(page, "mention-sent");
  });

  it("works with the keyboard alone: type, send, reach the form, fill it and submit it", async () => {
    const focused = () =>
      page.evaluate(
        'document.activeElement?.getAttribute("name") ?? document.activeElement?.getAttribute("aria-label")',
      );
    // Opening a conversation puts the focus in the composer.
    await page.getByRole("link", { name: "Team" }).click();
    await page.getByRole("link", { name: "Form-bot Tester" }).click();
    await expect.poll(focused).toBe("Message");
    await page.keyboard.type("keyboard form please");
    await page.keyboard.press("Enter");
    await page.locator('form[data-form-id="keyboard"]').waitFor();
    // Backwards from the composer, the newest message's controls come first.
    for (let i = 0; i < 12 && (await focused()) !== "topic"; i++) await page.keyboard.press("Shift+Tab");
    expect(await focused()).toBe("topic");
    await page.keyboard.type("Printer on fire");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("priority");
    // Nothing is chosen at first (the placeholder); Low, then High.
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("urgent");
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    const event = await chat.bot.next(actionsOf("keyboard"));
    expect(at(event.payload, "symphonyElementsAction", "formValues")).toEqual({
      action: "file",
      topic: "Printer on fire",
      priority: "high",
      urgent: "yes",
    });
  });
});
