/**
 * A CPU profile of a bot process over one round (the inspector's sampling profiler, as
 * `--cpu-prof` but only around the round), summed to self time by function: where the bot's CPU
 * per message goes.
 */
import { Session } from "node:inspector/promises";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

let session: Session | undefined;

export async function startProfile(): Promise<void> {
  session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
}

/** Self time (µs) by function (`name file:line`, the file's path from its package on), largest first. */
export async function stopProfile(): Promise<Array<[string, number]>> {
  if (!session) return [];
  const { profile } = (await session.post("Profiler.stop")) as { profile: Profile };
  session.disconnect();
  session = undefined;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id)?.callFrame;
    if (!frame) return;
    const file = frame.url.replace(/^.*\/(node_modules|packages)\//, "").replace(/^node:/, "");
    const name = `${frame.functionName || "(anonymous)"} ${file}${file ? `:${frame.lineNumber + 1}` : ""}`;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return [...self].sort((a, b) => b[1] - a[1]);
}
