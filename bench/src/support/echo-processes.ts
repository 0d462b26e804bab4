/**
 * The echo benchmarks' two kinds of child process: the pod (emulator and load, `echo-pod.ts`) and a
 * bot (`echo-bot.ts`), each spoken to over IPC (`echo-protocol.ts`).
 */
import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import type { EchoPodCommand, EchoPodReady, EchoRound } from "./echo-pod.ts";
import type { Contestant, EchoBotAnswer, EchoBotCommand } from "./echo-protocol.ts";

/** The child process holding the emulator and the load. */
export class PodProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly configPath: string,
  ) {}

  /** `people`: how many people post at once (default the PEOPLE of the environment, or 8). */
  static async start(people?: number): Promise<PodProcess> {
    // fork() passes this process's execArgv on, so tsx runs the TypeScript child as it runs us.
    const env = { ...process.env, ...(people === undefined ? {} : { PEOPLE: String(people) }) };
    const child = fork(new URL("./echo-pod.ts", import.meta.url), { stdio: "inherit", env });
    const [ready] = (await once(child, "message")) as [EchoPodReady];
    return new PodProcess(child, ready.configPath);
  }

  async round(): Promise<EchoRound> {
    const answer = once(this.child, "message");
    this.child.send({ kind: "drive" } satisfies EchoPodCommand);
    return ((await answer) as [EchoRound])[0];
  }

  async close(): Promise<void> {
    const exited = once(this.child, "exit");
    this.child.send({ kind: "close" } satisfies EchoPodCommand);
    await exited;
  }
}

/** A bot in its own process, idle until started; with `redisUrl` it shares state through that Redis. */
export class BotProcess {
  private constructor(private readonly child: ChildProcess) {}

  static start(contestant: Contestant, configPath: string, redisUrl?: string): BotProcess {
    const script = new URL("./echo-bot.ts", import.meta.url);
    const env = { ...process.env, ...(redisUrl ? { SPRIG_REDIS_URL: redisUrl } : {}) };
    return new BotProcess(fork(script, [contestant, configPath], { stdio: "inherit", env }));
  }

  async ask<K extends EchoBotAnswer["kind"]>(
    command: EchoBotCommand,
  ): Promise<Extract<EchoBotAnswer, { kind: K }>> {
    const answer = once(this.child, "message");
    this.child.send(command);
    return ((await answer) as [Extract<EchoBotAnswer, { kind: K }>])[0];
  }

  async close(): Promise<void> {
    const exited = once(this.child, "exit");
    this.child.disconnect();
    await exited;
  }
}
