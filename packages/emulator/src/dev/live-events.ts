import type { ServerResponse } from "node:http";
import { eventJson } from "../events/event-factory.ts";
import type { EventHub } from "../events/event-hub.ts";
import type { Clock } from "../runtime/clock.ts";

export interface LiveEventSettings {
  /** A `: heartbeat` comment this often keeps proxies and the browser from closing an idle stream. */
  heartbeatMs: number;
  /** How many recent events per person a reconnect can catch up on; older ids get `event: resync`. */
  replayEvents: number;
}

export const defaultLiveEventSettings: LiveEventSettings = { heartbeatMs: 15_000, replayEvents: 500 };

interface Entry {
  seq: number;
  name: string;
  /** The event's data as JSON text. */
  data: string;
}

interface Person {
  seq: number;
  recent: Entry[];
  open: Set<ServerResponse>;
}

/**
 * The per-person server-sent event streams of the web chat. Every event gets the id `EPOCH-SEQ`
 * (a counter per person, so "what did I miss" is a range, not a search); each person's latest events
 * are kept so a reconnect with `Last-Event-ID` first replays what it missed. The epoch changes on reset
 * and restart: an id from before cannot be replayed, so the client is told to reload (`resync`).
 */
export class LiveEvents {
  private readonly people = new Map<number, Person>();
  private epoch: string;

  constructor(
    hub: EventHub,
    private readonly clock: Clock,
    private readonly newEpoch: () => string,
    private readonly settings: LiveEventSettings = defaultLiveEventSettings,
  ) {
    this.epoch = newEpoch();
    // Only people who opened a stream in this epoch can hold one of its ids, so only they need
    // their events kept for a replay: a bot's events (most of a busy pod's) are never buffered.
    hub.observe((event, recipients) => {
      for (const userId of recipients)
        if (this.people.has(userId)) this.append(userId, event.type, eventJson(event));
    });
  }

  /** Answer a `GET …/events` with the stream; `lastEventId` is what the client saw last, if anything. */
  open(res: ServerResponse, userId: number, lastEventId: string | undefined): void {
    const person = this.person(userId);
    res.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      connection: "keep-alive",
    });
    // An id with no data moves the client's Last-Event-ID without firing an event, so even a client
    // that saw nothing yet resumes from here.
    res.write(`: connected\nid: ${this.idOf(person.seq)}\n\n`);
    if (lastEventId !== undefined) this.catchUp(res, person, lastEventId);
    person.open.add(res);
    let heartbeat: unknown;
    const beat = () => {
      heartbeat = this.clock.setTimeout(() => {
        res.write(": heartbeat\n\n");
        beat();
      }, this.settings.heartbeatMs);
    };
    beat();
    res.on("close", () => {
      this.clock.clearTimeout(heartbeat);
      person.open.delete(res);
    });
  }

  /** The pod was emptied: every open stream hears `reset` (and stays open); older ids resync. */
  reset(): void {
    this.epoch = this.newEpoch();
    for (const person of this.people.values()) {
      person.seq = 0;
      person.recent = [];
    }
    for (const [userId, person] of this.people) {
      if (person.open.size > 0) this.append(userId, "reset", "{}");
      else this.people.delete(userId);
    }
  }

  /** The emulator is closing: end every stream so the server can close. */
  closeAll(): void {
    for (const person of this.people.values()) for (const res of person.open) res.end();
  }

  private append(userId: number, name: string, data: string): void {
    const person = this.person(userId);
    const entry = { seq: ++person.seq, name, data };
    person.recent.push(entry);
    if (person.recent.length > this.settings.replayEvents) person.recent.shift();
    for (const res of person.open) this.write(res, entry);
  }

  private catchUp(res: ServerResponse, person: Person, lastEventId: string): void {
    const match = /^(.+)-(\d+)$/.exec(lastEventId);
    const seen = match && match[1] === this.epoch ? Number(match[2]) : undefined;
    const oldest = person.recent[0]?.seq ?? person.seq + 1;
    if (seen === undefined || seen > person.seq || seen < oldest - 1) {
      this.write(res, {
        seq: person.seq,
        name: "resync",
        data: JSON.stringify({ reason: "missed events are no longer kept" }),
      });
      return;
    }
    for (const entry of person.recent) if (entry.seq > seen) this.write(res, entry);
  }

  private write(res: ServerResponse, entry: Entry): void {
    res.write(`event: ${entry.name}\nid: ${this.idOf(entry.seq)}\ndata: ${entry.data}\n\n`);
  }

  private idOf(seq: number): string {
    return `${this.epoch}-${seq}`;
  }

  private person(userId: number): Person {
    let person = this.people.get(userId);
    if (!person) {
      person = { seq: 0, recent: [], open: new Set() };
      this.people.set(userId, person);
    }
    return person;
  }
}
