/**
 * The baseline of the emulator throughput benchmark: the least a pod on node:http must do for the same
 * client load, in a process of its own. It accepts the message-create POST (multipart body, parsed just
 * enough to find the `message` part), puts the message on one queue, and answers a datafeed long-poll read
 * with the queued events as JSON. No auth, no MessageML, no store: the practical limit of any pod here.
 *
 * Prints its base URL on stdout; SIGTERM closes it.
 */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const LONG_POLL_MS = 1000;
const MAX_BATCH = 100;

interface Event {
  id: string;
  messageId: string;
  timestamp: number;
  type: "MESSAGESENT";
  initiator: { user: { userId: number } };
  payload: { messageSent: { message: Record<string, unknown> } };
}

const queue: Event[] = [];
let waiting: { res: ServerResponse; timer: NodeJS.Timeout } | undefined;
let counter = 0;

function answer(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function serveReader(): void {
  if (!waiting || queue.length === 0) return;
  clearTimeout(waiting.timer);
  const { res } = waiting;
  waiting = undefined;
  answer(res, 200, { events: queue.splice(0, MAX_BATCH), ackId: `ack${counter++}` });
}

/** The `message` part of a multipart/form-data body, found by its boundary and nothing more. */
function messagePart(body: string, contentType: string): string | undefined {
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
  if (!boundary) return undefined;
  const start = body.indexOf('name="message"');
  if (start < 0) return undefined;
  const from = body.indexOf("\r\n\r\n", start) + 4;
  const to = body.indexOf(`\r\n--${boundary}`, from);
  return to < 0 ? undefined : body.slice(from, to);
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString();
    const url = req.url ?? "";
    const create = /^\/agent\/v4\/stream\/([^/]+)\/message\/create$/.exec(url);
    if (req.method === "POST" && create) {
      const text = messagePart(body, req.headers["content-type"] ?? "");
      if (text === undefined) return answer(res, 400, { code: 400, message: "no message part" });
      const n = counter++;
      const message = {
        messageId: `m${n}`,
        timestamp: Date.now(),
        message: `<div data-format="PresentationML" data-version="2.0">${text}</div>`,
        user: { userId: 1 },
        stream: { streamId: create[1], streamType: "ROOM" },
      };
      queue.push({
        id: `e${n}`,
        messageId: message.messageId,
        timestamp: message.timestamp,
        type: "MESSAGESENT",
        initiator: { user: { userId: 1 } },
        payload: { messageSent: { message } },
      });
      serveReader();
      return answer(res, 200, message);
    }
    if (req.method === "POST" && /^\/agent\/v5\/datafeeds\/[^/]+\/read$/.test(url)) {
      JSON.parse(body || "{}");
      if (waiting) answer(waiting.res, 200, { events: [], ackId: `ack${counter++}` });
      const timer = setTimeout(() => {
        waiting = undefined;
        answer(res, 200, { events: [], ackId: `ack${counter++}` });
      }, LONG_POLL_MS);
      waiting = { res, timer };
      return serveReader();
    }
    answer(res, 404, { code: 404, message: "no route" });
  });
});

server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => {
  console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
