// readme-example.ts
import {
  expandFreemarker,
  ml,
  mml,
  parsePresentationML,
  plainText,
  translateMessageML,
} from "@sprig/messageml";

// Untrusted text: shown as written, never markup, never a template.
const userText = "<b>not bold</b> ${data.secret}";

// Literal parts are markup; every interpolated value is escaped unless it is a built fragment.
const message = mml`<messageML>
  <p>New item: ${userText} for ${ml.mention({ uid: 1002 })}</p>
  ${ml.form({ id: "todo" }, ml.textField({ name: "description", placeholder: "What?" }), ml.button({ name: "add", type: "action" }, "Add"))}
</messageML>`;

// What the agent does on message create: MessageML + data → PresentationML + entity JSON.
export const sent = translateMessageML(message.markup, {
  data: { secret: "never shown" },
  userLookup: ({ uid }) => (uid === "1002" ? { id: "1002", displayName: "Bob Jones" } : undefined),
});

// What a bot does with a datafeed message: PresentationML + data → a tree, and its text.
export const text = plainText(parsePresentationML(sent.presentationML, sent.entityJSON));

// FreeMarker, as the agent expands a template with the message's data (`data` and `entity`).
export const expanded = expandFreemarker(
  '<#ftl output_format="HTML"><p>${data.name}: <#list data.items as i>${i}<#sep>, </#list></p>',
  { name: "A&B", items: ["one", "two"] },
);
