/** Datafeed events shaped as the upstream contract (V4Event), for the fake pod to deliver. */
export function messageSent(
  id: string,
  userId: number,
  text: string,
  streamId = "IEj12WoWsfTkiqOBkATdUn___pFXhN9OdA",
) {
  const user = { userId, displayName: `User ${userId}`, username: `user${userId}` };
  return {
    id,
    messageId: `msg-${id}`,
    timestamp: 1595365005847,
    type: "MESSAGESENT",
    initiator: { user },
    payload: {
      messageSent: {
        message: {
          messageId: `msg-${id}`,
          timestamp: 1595365005847,
          message: `<div data-format="PresentationML" data-version="2.0" class="wysiwyg"><p>${text}</p></div>`,
          data: "{}",
          user,
          stream: { streamId, streamType: "IM" },
        },
      },
    },
  };
}

/** Polls until the condition holds (bounded), for state reached through the network. */
export async function waitFor(condition: () => boolean, what = "condition"): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A promise with its resolve/reject exposed, to hold a handler open. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
