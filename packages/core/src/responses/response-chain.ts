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

  async run(response: Response, context: ResponseContext): Promise<Response[]> {
    let current: Response[] = [response];
    for (const handler of this.#handlers) {
      const next: Response[] = [];
      for (const r of current) {
        const out = await handler.handle(r, context);
        if (out === null || out === undefined) continue;
        if (Array.isArray(out)) next.push(...(out as readonly Response[]));
        else next.push(out as Response);
      }
      current = next;
      if (current.length === 0) break;
    }
    return current;
  }
}
