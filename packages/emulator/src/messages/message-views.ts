import { v4Stream } from "../events/event-factory.ts";
import type { PodStore } from "../store/pod-store.ts";
import type { MessageRecord } from "../store/records.ts";
import { v4User } from "../users/user-views.ts";

/** `V4Message` as the agent returns it and the datafeed carries it. Absent fields omitted, never null. */
export function v4Message(message: MessageRecord, store: PodStore): Record<string, unknown> {
  const author = store.users.get(message.userId);
  const stream = store.streams.get(message.streamId);
  const view: Record<string, unknown> = {
    messageId: message.messageId,
    parentMessageId: message.parentMessageId,
    timestamp: message.timestamp,
    message: message.presentationML,
    data: message.data,
    user: author ? v4User(author) : { userId: message.userId },
    stream: stream ? v4Stream(stream) : { streamId: message.streamId },
    externalRecipients: false,
    userAgent: message.userAgent ?? "sprig-emulator",
    originalFormat: "com.symphony.messageml.v2",
    sid: message.sid,
    replacing: message.replacing,
    replacedBy: message.replacedBy,
    initialTimestamp: message.initialTimestamp,
    initialMessageId: message.initialMessageId,
    silent: message.silent,
  };
  if (message.attachments.length > 0) {
    view.attachments = message.attachments.map((a) => ({
      id: a.id,
      name: a.name,
      size: a.size,
      images: a.previews.map((p) => ({ id: p.id, dimension: p.dimension })),
    }));
  }
  return view;
}
