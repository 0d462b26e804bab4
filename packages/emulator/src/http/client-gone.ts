import type { ServerResponse } from "node:http";

/**
 * Whether the client of a request went away before its answer was written whole (a bot killed mid
 * long-poll), and a way to hear of it: a waiting read withdraws instead of taking events nobody will
 * receive. It listens on the response's own 'close', and only while a read waits: an AbortController
 * per read (an EventTarget, a signal, their listener bookkeeping) cost more than the rest of the read.
 */
export interface ClientGone {
  /** True once the client is gone (its connection closed before the answer was written whole). */
  readonly gone: boolean;
  /** Runs `listener` once if the client goes; the function returned stops listening. */
  watch(listener: () => void): () => void;
}

/** The client of `res`, as `ClientGone` sees it. */
export class ResponseClient implements ClientGone {
  constructor(private readonly res: ServerResponse) {}

  get gone(): boolean {
    return this.res.destroyed && !this.res.writableFinished;
  }

  watch(listener: () => void): () => void {
    const res = this.res;
    const onClose = () => {
      if (!res.writableFinished) listener();
    };
    res.on("close", onClose);
    return () => res.off("close", onClose);
  }
}
