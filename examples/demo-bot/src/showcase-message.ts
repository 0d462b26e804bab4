/**
 * One message with every kind of content the content model has: headings, paragraphs with a
 * mention, a hashtag, a cashtag, emoji and a link, an ordered and an unordered list, a table, a
 * code block, a quote and an image. Adapters render each (Symphony: MessageML) and never let the
 * text in it become markup.
 */
import {
  blockQuote,
  cashTag,
  codeBlock,
  hashTag,
  heading,
  image,
  link,
  type Message,
  mention,
  message,
  orderedList,
  paragraph,
  table,
  type User,
  unorderedList,
  words,
} from "@sprig/core";

/** A small PNG (a data URL, so the showcase needs no network). */
const PICTURE =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAJklEQVR4nGNgGAWjYBSMglEwCkbBKBgFo2AUjIJRMApGwSgYBQMHAAQQAAFJ8N7FAAAAAElFTkSuQmCC";

export function showcaseMessage(who: User): Message {
  return message(
    heading(2, "Everything a message can hold"),
    paragraph(
      ...words("Hello"),
      mention(who),
      ...words("— this is a mention, this a hashtag"),
      hashTag("sprig"),
      ...words("and this a cashtag"),
      cashTag("ACME"),
      ...words(". Emoji are text: 🎉 👍 ☕. A link:"),
      link("https://github.com/finos/symphony-bdk-java", "the Symphony BDK"),
    ),
    heading(3, "Lists"),
    orderedList("first", "second", "third"),
    unorderedList("apples", "pears", paragraph(...words("and some"), hashTag("fruit"))),
    heading(3, "A table"),
    table(
      [
        ["London", "09:00", "12"],
        ["New York", "14:00", "8"],
      ],
      ["Office", "Opens (UTC)", "People"],
    ),
    heading(3, "Code"),
    codeBlock('bot.command("echo {words...}", ({ vars }) => vars.words.join(" "));', "ts"),
    blockQuote(paragraph(...words("Text from people stays text: <b>not bold</b> & no markup."))),
    image(PICTURE, "a small square"),
  );
}
