import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import type { DatafeedSnapshot } from "../datafeed/datafeed-registry.ts";
import { eventJson, type V4Event } from "../events/event-factory.ts";
import type { Pod } from "../runtime/pod.ts";
import { PodStore } from "../store/pod-store.ts";
import type {
  AppRecord,
  ConnectionRecord,
  MessageRecord,
  SessionRecord,
  SignalRecord,
  StreamRecord,
  UserRecord,
} from "../store/records.ts";
import type { Change } from "./change.ts";

interface Snapshot {
  format: "sprig-emulator/1";
  /** Which journal continues this snapshot (absent in snapshots written before the journal). */
  generation?: number;
  users: UserRecord[];
  streams: StreamRecord[];
  messages: MessageRecord[];
  sessions: SessionRecord[];
  datafeeds: DatafeedSnapshot;
  /** Absent in snapshots written before connections and signals were kept. */
  connections?: ConnectionRecord[];
  signals?: SignalRecord[];
  /** Extension apps (absent in snapshots written before apps existed). */
  apps?: AppRecord[];
}

/** One journal line: a change as the pod names it (the datafeeds' with their state), or an event as it was published. */
type Entry =
  | Exclude<Change, { kind: "datafeeds" }>
  | { kind: "datafeeds"; ownerId: number; feeds: DatafeedSnapshot }
  | { kind: "publish"; event: V4Event; to: number[] };

const SNAPSHOT = "state.json";
const journalName = (generation: number) => `journal-${generation}.ndjson`;
const JOURNAL_NAME = /^journal-(\d+)\.ndjson$/;

export interface JournalOptions {
  /** Fold the journal into a new snapshot once it is larger than the snapshot and at least this big. */
  minCompactBytes?: number;
  /** Where a torn journal line is reported. */
  warn?: (line: string) => void;
}

/**
 * `--data-dir`: a snapshot (`state.json`) plus an append-only journal of every change since
 * (`journal-N.ndjson`, one JSON line each). A change is written before its request is answered, so
 * whatever a client was told happened survives even `kill -9` (the OS has the bytes; a power cut
 * is out of scope: no fsync). When the journal outgrows the snapshot it is folded into a new one
 * (temp file + rename, then a new journal generation), so each write costs the same whether the pod
 * holds ten messages or fifty thousand. A torn last line (the process died mid-write) is dropped
 * with a warning.
 */
export class DataDirJournal {
  private generation = 0;
  private fd: number | undefined;
  private journalBytes = 0;
  private snapshotBytes = 0;
  private readonly minCompactBytes: number;
  private readonly warn: (line: string) => void;

  constructor(
    private readonly dir: string,
    private readonly pod: Pod,
    options: JournalOptions = {},
  ) {
    mkdirSync(dir, { recursive: true });
    this.minCompactBytes = options.minCompactBytes ?? 16 * 1024 * 1024;
    this.warn = options.warn ?? ((line) => process.stderr.write(`${line}\n`));
  }

  /** Loads snapshot + journal into the (empty) pod and starts journalling; false when the dir held nothing. */
  load(): boolean {
    const snapshotPath = join(this.dir, SNAPSHOT);
    const hadSnapshot = existsSync(snapshotPath);
    if (hadSnapshot) {
      const text = readFileSync(snapshotPath, "utf8");
      this.snapshotBytes = Buffer.byteLength(text);
      this.applySnapshot(parseSnapshot(text, snapshotPath));
    }
    const replayed = this.replayJournal();
    for (const name of readdirSync(this.dir)) {
      const match = JOURNAL_NAME.exec(name);
      if (match && Number(match[1]) !== this.generation) rmSync(join(this.dir, name), { force: true });
    }
    if (replayed > 0) this.compact();
    else this.openJournal();
    // The event's text as the feeds send it: made once, not again for the journal.
    this.pod.hub.observe((event, recipients) =>
      this.appendLine(
        `{"kind":"publish","event":${eventJson(event)},"to":${JSON.stringify([...recipients])}}`,
      ),
    );
    return hadSnapshot || replayed > 0;
  }

  record(changes: Change[]): void {
    for (const change of changes) {
      this.append(
        change.kind === "datafeeds"
          ? { ...change, feeds: this.pod.datafeeds.snapshot(change.ownerId) }
          : change,
      );
    }
  }

  /** Everything into a new snapshot, then a fresh journal; the old one is deleted last. */
  compact(): void {
    const { store } = this.pod;
    const next = this.generation + 1;
    const snapshot: Snapshot = {
      format: "sprig-emulator/1",
      generation: next,
      users: [...store.users.values()],
      streams: [...store.streams.values()],
      messages: [...store.streamMessages.values()].flat(),
      sessions: [...store.sessions.values()],
      datafeeds: this.pod.datafeeds.snapshot(),
      connections: [...store.connections.values()],
      signals: [...store.signals.values()],
      apps: [...store.apps.values()],
    };
    const text = JSON.stringify(snapshot);
    const path = join(this.dir, SNAPSHOT);
    // Owner-only: the files hold live session tokens.
    writeFileSync(`${path}.tmp`, text, { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
    this.snapshotBytes = Buffer.byteLength(text);
    const old = this.generation;
    this.generation = next;
    this.openJournal();
    rmSync(join(this.dir, journalName(old)), { force: true });
  }

  /** Compact and stop (the emulator is closing). */
  close(): void {
    this.compact();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private openJournal(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    const path = join(this.dir, journalName(this.generation));
    this.fd = openSync(path, "a", 0o600);
    this.journalBytes = existsSync(path) ? statSync(path).size : 0;
  }

  private append(entry: Entry): void {
    this.appendLine(JSON.stringify(entry));
  }

  private appendLine(json: string): void {
    if (this.fd === undefined) return;
    const line = Buffer.from(`${json}\n`);
    for (let written = 0; written < line.length; )
      written += writeSync(this.fd, line, written, line.length - written);
    this.journalBytes += line.length;
    if (this.journalBytes > Math.max(this.minCompactBytes, this.snapshotBytes)) this.compact();
  }

  private replayJournal(): number {
    const path = join(this.dir, journalName(this.generation));
    if (!existsSync(path)) return 0;
    const lines = readFileSync(path, "utf8").split("\n");
    // A complete journal ends with "\n", so the last piece is empty unless a write was cut short.
    const tail = lines.pop();
    if (tail) {
      this.warn(
        `[sprig-emulator] ${path}: the last change (${tail.length} bytes) was cut off mid-write, most likely by a crash; it is dropped (it was never acknowledged)`,
      );
    }
    lines.forEach((line, i) => {
      let entry: Entry;
      try {
        entry = JSON.parse(line) as Entry;
      } catch (error) {
        throw new Error(
          `${path} line ${i + 1} is not a readable change (${(error as Error).message}); the journal is damaged before its end. Move the data dir away to start empty.`,
        );
      }
      this.apply(entry);
    });
    return lines.length;
  }

  private applySnapshot(snapshot: Snapshot): void {
    const { store } = this.pod;
    this.generation = snapshot.generation ?? 0;
    for (const user of snapshot.users) store.users.set(user.id, user);
    for (const stream of snapshot.streams) store.addStream(stream);
    for (const message of snapshot.messages) store.addMessage(message);
    for (const session of snapshot.sessions) store.sessions.set(session.token, session);
    for (const app of snapshot.apps ?? []) store.apps.set(app.appId, app);
    this.pod.datafeeds.restore(snapshot.datafeeds);
    for (const connection of snapshot.connections ?? []) this.apply({ kind: "connection", connection });
    for (const signal of snapshot.signals ?? []) store.signals.set(signal.id, signal);
  }

  private apply(entry: Entry): void {
    const { store, datafeeds, hub } = this.pod;
    switch (entry.kind) {
      case "user":
        store.users.set(entry.user.id, entry.user);
        break;
      case "app":
        store.apps.set(entry.app.appId, entry.app);
        break;
      case "stream":
        store.addStream(entry.stream);
        break;
      case "message": {
        const known = store.messages.get(entry.message.messageId);
        // In place: the stream's message list holds this very object.
        if (known) Object.assign(known, entry.message);
        else store.addMessage(entry.message);
        break;
      }
      case "session":
        store.sessions.set(entry.session.token, entry.session);
        break;
      case "sessionEnded":
        store.sessions.delete(entry.token);
        break;
      case "sessionsCleared":
        store.sessions.clear();
        break;
      case "datafeeds":
        datafeeds.clear(entry.ownerId);
        datafeeds.restore(entry.feeds);
        break;
      case "connection":
        store.connections.set(
          PodStore.connectionKey(entry.connection.requesterId, entry.connection.targetId),
          entry.connection,
        );
        break;
      case "connectionRemoved":
        store.connections.delete(PodStore.connectionKey(entry.requesterId, entry.targetId));
        break;
      case "signal":
        store.signals.set(entry.signal.id, entry.signal);
        break;
      case "signalRemoved":
        store.signals.delete(entry.id);
        break;
      case "publish":
        // Into the feeds restored so far, exactly as it went out (the observer is not listening yet).
        hub.publish(entry.event, entry.to);
        break;
      case "reset":
        datafeeds.clear();
        store.clear();
        break;
    }
  }
}

function parseSnapshot(text: string, path: string): Snapshot {
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(text) as Snapshot;
  } catch (error) {
    throw new Error(
      `${path} is not a readable emulator state (${(error as Error).message}); move it away to start empty`,
    );
  }
  if (snapshot.format !== "sprig-emulator/1")
    throw new Error(`${path}: unknown format ${String(snapshot.format)}`);
  return snapshot;
}
