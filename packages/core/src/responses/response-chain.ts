/**
 * The response handler chain: every response passes through the handlers in priority order
 * (lower first) before the adapter sends it. A handler may change a response (add buttons,
 * tags), split it, or take it over (send it itself and return nothing).
 */
import type { Action } from "../actions/actions.ts";
import type { Logger } from "../context/logger.ts";
import type { Response } from "./responses.ts";

export interface ResponseContext {
  /** The action being answered, if any (absent for responses sent outside a handler). */
  readonly action: Action | undefined;
  readonly log: Logger;
}

export type ResponseHandlerResult = Response | readonly Response[] | null | undefined;

export interface ResponseHandler {
  /** Unique; `replace` and `remove` use it. */
  readonly name: string;
  /** Lower runs first. Built-ins: buttons 100. */
  readonly priority: number;
  handle(
    response: Response,
    context: ResponseContext,
  ): ResponseHandlerResult | Promise<ResponseHandlerResult>;
}

export class ResponseChain {
  #handlers: ResponseHandler[] = [];

  /** Add a handler; a handler with the same name is replaced. */
  use(handler: ResponseHandler): this {
    this.#handlers = [...this.#handlers.filter((h) => h.name !== handler.name), handler].sort(
      (a, b) => a.priority - b.priority,
    );
    return this;
  }

  remove(name: string): this {
    this.#handlers = this.#handlers.filter((h) => h.name !== name);
    return this;
  }

  get handlers(): readonly ResponseHandler[] {
    return this.#handlers;
  }

  /**
   * Pass a response through every handler. Synchronous while the handlers are (the common case:
   * no promise per response); continues asynchronously from the first handler that returns one.
   */
  run(response: Response, context: ResponseContext): Response[] | Promise<Response[]> {
    return this.#runFrom(0, [response], context);
  }

  #runFrom(start: number, responses: Response[], context: ResponseContext): Response[] | Promise<Response[]> {
    let current = responses;
    for (let h = start; h < this.#handlers.length && current.length > 0; h++) {
      const handler = this.#handlers[h]!;
      const next: Response[] = [];
      for (let i = 0; i < current.length; i++) {
        const out = handler.handle(current[i]!, context);
        if (out instanceof Promise) return this.#resumeAt(h, current, i, next, out, context);
        collect(out, next);
      }
      current = next;
    }
    return current;
  }

  /** Handler `h` returned a promise for response `i`: finish that handler asynchronously, then go on. */
  async #resumeAt(
    h: number,
    current: Response[],
    i: number,
    next: Response[],
    pending: Promise<ResponseHandlerResult>,
    context: ResponseContext,
  ): Promise<Response[]> {
    const handler = this.#handlers[h]!;
    collect(await pending, next);
    for (let j = i + 1; j < current.length; j++) collect(await handler.handle(current[j]!, context), next);
    return this.#runFrom(h + 1, next, context);
  }
}

function collect(out: ResponseHandlerResult, into: Response[]): void {
  if (out === null || out === undefined) return;
  if (Array.isArray(out)) into.push(...(out as readonly Response[]));
  else into.push(out as Response);
}
