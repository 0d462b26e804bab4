/**
 * One message with every kind of content the content model has: headings, paragraphs with a
 * mention, a hashtag, a cashtag, emoji and a link, an ordered and an unordered list, a table, a
 * code block, a quote, a card, an expandable card and an image. Adapters render each (Symphony:
 * MessageML) and never let the text in it become markup.
 */
import {
  blockQuote,
  card,
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

/**
 * The picture's address. A pod accepts only http(s) images, so `npm start` passes the leaf the
 * local emulator serves; without one the showcase names the picture instead of showing it.
 */
export function showcaseMessage(who: User, pictureUrl?: string): Message {
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
    heading(3, "Cards"),
    card({
      header: paragraph(...words("Order 42 — ready to ship")),
      body: [
        paragraph(...words("Three items, paid by"), mention(who), ...words(".")),
        table(
          [
            ["Books", "2"],
            ["Tea", "1"],
          ],
          ["Item", "Count"],
        ),
      ],
      accent: "green",
    }),
    card({
      header: paragraph(...words("Release notes (open me)")),
      body: unorderedList("Cards and expandable cards", "Times shown in your zone"),
      expandable: true,
    }),
    heading(3, "An image"),
    pictureUrl === undefined
      ? paragraph(...words("(a picture: the bot was given no address to show it from)"))
      : paragraph(image(pictureUrl, "a sprig leaf")),
  );
}
