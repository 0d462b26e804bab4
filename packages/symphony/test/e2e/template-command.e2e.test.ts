/**
 * The template command end to end (seed 003, "Customizing Templates"): a person asks the bot on
 * the emulator for a work type's generated template and gets it as a `.ftl` attachment, read back
 * through the agent's attachment API — the bytes a bot author would save into `templatesDir`.
 */
import { silentLogger, type WorkType } from "@sprig/core";
import { createTodoBot, TodoList } from "@sprig/todo-bot";
import { describe, expect, it } from "vitest";
import { generatedTemplate, templateCommand } from "../../src/index.ts";
import { podAndBotsPerTest } from "./support/pod-and-bots.ts";
import { BOT_ID } from "./support/test-pod.ts";

const { startPod, startBot } = podAndBotsPerTest();

describe("the template command on the emulator", () => {
  it("answers /template with the generated template as an attachment a person can download", async () => {
    const pod = await startPod();
    const bot = createTodoBot({ logger: silentLogger });
    const command = templateCommand(bot.works);
    bot.command(command.pattern, command.options, command.handler);
    const running = await startBot(bot);

    const alice = pod.personId("alice");
    const im = await pod.dev.createIm([alice, BOT_ID]);
    const events = await pod.dev.subscribe(alice);
    try {
      await pod.dev.postText(im, alice, `/template ${TodoList.typeName} view`);
      const answer = await events.next(
        (event) => event.type === "MESSAGESENT" && event.data.initiator?.user?.userId === BOT_ID,
      );
      const messageId = String(answer.data.payload?.messageSent?.message?.messageId);
      const stored = await running.connection.messages.get(messageId);
      const file = stored.attachments?.[0];
      expect(stored.attachments).toHaveLength(1);
      expect(file?.name).toBe(`${TodoList.typeName}-view.ftl`);
      const bytes = await running.connection.messages.attachment(im, messageId, String(file?.id));
      expect(new TextDecoder().decode(bytes)).toBe(generatedTemplate(TodoList as WorkType<unknown>, "view"));
      expect(stored.message).toContain("save it as a .ftl file");
    } finally {
      events.close();
    }
  });
});
