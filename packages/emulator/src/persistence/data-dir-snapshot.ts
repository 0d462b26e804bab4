import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DatafeedSnapshot } from "../datafeed/datafeed-registry.ts";
import type { Pod } from "../runtime/pod.ts";
import type { MessageRecord, SessionRecord, StreamRecord, UserRecord } from "../store/records.ts";

interface Snapshot {
  format: "sprig-emulator/1";
  users: UserRecord[];
  streams: StreamRecord[];
  messages: MessageRecord[];
  sessions: SessionRecord[];
  datafeeds: DatafeedSnapshot;
}

const FILE = "state.json";

/**
 * With `--data-dir`, the whole pod (people, streams, messages, sessions, datafeeds with their queued and
 * unacknowledged events) is written to one JSON file shortly after each change, atomically
 * (temp file + rename), and read back on start.
 */
export class DataDirSnapshot {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dir: string,
    private readonly pod: Pod,
    private readonly delayMs = 50,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /** Loads the saved state into the (empty) pod; false when there is none yet. */
  load(): boolean {
    const path = join(this.dir, FILE);
    if (!existsSync(path)) return false;
    let snapshot: Snapshot;
    try {
      snapshot = JSON.parse(readFileSync(path, "utf8")) as Snapshot;
    } catch (error) {
      throw new Error(
        `${path} is not a readable emulator state (${(error as Error).message}); move it away to start empty`,
      );
    }
    if (snapshot.format !== "sprig-emulator/1")
      throw new Error(`${path}: unknown format ${String(snapshot.format)}`);
    const { store } = this.pod;
    for (const user of snapshot.users) store.users.set(user.id, user);
    for (const stream of snapshot.streams) store.addStream(stream);
    for (const message of snapshot.messages) store.addMessage(message);
    for (const session of snapshot.sessions) store.sessions.set(session.token, session);
    this.pod.datafeeds.restore(snapshot.datafeeds);
    return true;
  }

  scheduleSave(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.saveNow();
    }, this.delayMs);
    this.timer.unref();
  }

  saveNow(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const { store } = this.pod;
    const snapshot: Snapshot = {
      format: "sprig-emulator/1",
      users: [...store.users.values()],
      streams: [...store.streams.values()],
      messages: [...store.streamMessages.values()].flat(),
      sessions: [...store.sessions.values()],
      datafeeds: this.pod.datafeeds.snapshot(),
    };
    const path = join(this.dir, FILE);
    // Owner-only: the file holds live session tokens.
    writeFileSync(`${path}.tmp`, JSON.stringify(snapshot), { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
  }
}
