/**
 * The state store on disk: every change is appended to a JSON-lines file (one change a line, the
 * first line names the format and its version) and the file is replayed on open, so cards,
 * conversations and delivered send ids survive a restart. Appends are written one at a time, in
 * order; a torn last line (a crash mid-write) is skipped on replay.
 */
import { appendFile, mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { MemoryStateStore, type StateChange } from "./state-store.ts";

const FORMAT = { format: "sprig-teams-state", version: 1 } as const;

export class FileStateStore extends MemoryStateStore {
  readonly path: string;
  #writes: Promise<void> = Promise.resolve();

  private constructor(path: string) {
    super();
    this.path = path;
  }

  /** Opens (or creates) the store at `path`, replaying what it holds. */
  static async open(path: string): Promise<FileStateStore> {
    const store = new FileStateStore(path);
    await mkdir(dirname(path), { recursive: true });
    let text = "";
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    const lines = text.split("\n").filter((line) => line.trim() !== "");
    if (lines.length === 0) await appendFile(path, `${JSON.stringify(FORMAT)}\n`);
    else {
      const header = safeParse(lines[0]!) as { format?: string; version?: number } | undefined;
      if (header?.format !== FORMAT.format || header.version !== FORMAT.version) {
        throw new Error(
          `${path} is not a sprig Teams state file of version ${FORMAT.version}; move it away or point the store elsewhere.`,
        );
      }
      for (const line of lines.slice(1)) {
        const change = safeParse(line) as StateChange | undefined;
        if (change) store.apply(change);
      }
    }
    return store;
  }

  protected override async record(change: StateChange): Promise<void> {
    this.apply(change);
    const write = this.#writes.then(() => appendFile(this.path, `${JSON.stringify(change)}\n`));
    this.#writes = write.catch(() => undefined);
    await write;
  }
}

function safeParse(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
