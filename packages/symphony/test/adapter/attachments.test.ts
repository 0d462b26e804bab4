/**
 * Files people send: a message's attachments are on its MessageAction (id, name, size), and their
 * bytes come through the adapter — only the files of that message. Real HTTP to the emulator for
 * the download (the file is posted first, so the pod holds it).
 */
import { createBot, type MessageAction, silentLogger } from "@sprig/core";
import { describe, expect, it } from "vitest";
import { EventMapper, StreamTypeCache, toUrlSafeId } from "../../src/index.ts";
import { messageSent } from "../fake-symphony/events.ts";
import { ANN } from "./emulated-pod.ts";
import { adapterOnPod } from "./support/adapter-on-pod.ts";

describe("inbound attachments", () => {
  const { pod, start } = adapterOnPod();

  it("are on the MessageAction with id, name and size", async () => {
    const event = messageSent("e1", ANN, "see the file");
    const message = event.payload.messageSent.message as Record<string, unknown>;
    message.attachments = [{ id: "f1", name: "report.pdf", size: 1234 }, { name: "no id: not fetchable" }];
    const action = (await new EventMapper({ streamTypes: new StreamTypeCache() }).toAction(
      event,
    )) as MessageAction;
    expect(action.attachments).toEqual([{ id: "f1", name: "report.pdf", size: 1234 }]);
  });

  it("download through the adapter; a file not of that message is refused", async () => {
    const adapter = await start(createBot({ logger: silentLogger }));
    const bytes = new TextEncoder().encode("quarterly numbers");
    const posted = await adapter.connection.messages.send(pod.annIm, {
      message: "<messageML>the file</messageML>",
      attachments: [{ name: "numbers.txt", content: bytes, contentType: "text/plain" }],
    });
    const file = posted.attachments?.[0];
    expect(file?.id).toBeDefined();
    const action: MessageAction = {
      kind: "message",
      eventId: "e1",
      time: new Date(),
      user: adapter.platform.botUser,
      addressable: { platform: "symphony", kind: "chat", id: pod.annIm } as never,
      message: { kind: "message", children: [] },
      messageId: toUrlSafeId(posted.messageId!),
      attachments: [{ id: file!.id!, name: file!.name ?? "" }],
    };
    const downloaded = await adapter.platform.download(action, action.attachments![0]!);
    expect(new TextDecoder().decode(downloaded)).toBe("quarterly numbers");
    await expect(adapter.platform.download(action, { id: "other-file", name: "x" })).rejects.toMatchObject({
      code: "ADAPTER_BAD_ADDRESS",
    });
  });
});
