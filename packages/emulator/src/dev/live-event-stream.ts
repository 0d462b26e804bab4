import type { ServerResponse } from "node:http";
import type { EventHub } from "../events/event-hub.ts";
import type { Reply } from "../http/router.ts";

/** Server-sent events: everything one person would see, live, for the web UI and tests. */
export function openLiveEventStream(res: ServerResponse, hub: EventHub, userId: number): Reply {
  res.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
  res.write(": connected\n\n");
  const unsubscribe = hub.subscribe(userId, {
    kind: "live",
    deliver: (event) => {
      res.write(`event: ${event.type}\nid: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`);
    },
  });
  res.on("close", unsubscribe);
  return "handled";
}
