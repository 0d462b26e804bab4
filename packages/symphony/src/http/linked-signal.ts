/**
 * One signal that aborts when any of `signals` does: a call's own signal and the connection's
 * shutdown signal. Not `AbortSignal.any`: both sources live as long as the bot, and in Node 20 every
 * `any` over a long-lived signal stays attached to it. Here the listeners are removed by `dispose`.
 */
export function linkedSignal(...signals: (AbortSignal | undefined)[]): {
  signal: AbortSignal | undefined;
  dispose: () => void;
} {
  const sources = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  if (sources.length <= 1) return { signal: sources[0], dispose: () => undefined };
  const linked = new AbortController();
  const aborted = sources.find((source) => source.aborted);
  if (aborted) {
    linked.abort(aborted.reason);
    return { signal: linked.signal, dispose: () => undefined };
  }
  const forwarders = sources.map((source) => {
    const forward = () => linked.abort(source.reason);
    source.addEventListener("abort", forward, { once: true });
    return () => source.removeEventListener("abort", forward);
  });
  const dispose = () => {
    for (const remove of forwarders) remove();
  };
  return { signal: linked.signal, dispose };
}
