/**
 * Everything about handling one action: the adapter it came through, the access request (admin
 * lookup at most once), the handler context, and sending what handlers return through the
 * response chain to the right adapter.
 */
import type { AccessRequest } from "../access/restrictions.ts";
import { accessRequest } from "../access/restrictions.ts";
import type { Action } from "../actions/actions.ts";
import { chatOf } from "../actions/actions.ts";
import type { Addressable, Chat, User } from "../addressables/addressables.ts";
import type { BaseContext } from "../context/context.ts";
import type { Conversations } from "../context/conversations.ts";
import type { History } from "../context/history.ts";
import { historyOver } from "../context/history.ts";
import type { Logger } from "../context/logger.ts";
import { DeliveryError, UndeliverableError } from "../dispatch/delivery-error.ts";
import { errorResponse } from "../errors/error-response.ts";
import type { PlatformAdapter } from "../platform/adapter.ts";
import type { ResponseChain } from "../responses/response-chain.ts";
import type { Response } from "../responses/responses.ts";
import type { HandlerResult } from "../responses/to-responses.ts";
import { toResponses } from "../responses/to-responses.ts";
import type { WorkRegistry } from "../work/index.ts";
import { registerWorkType } from "./work-type-ref.ts";

/** What the bot lends each action. */
export interface BotRuntime<S> {
  readonly works: WorkRegistry;
  readonly chain: ResponseChain;
  readonly log: Logger;
  readonly services: S;
  readonly newId: () => string;
  adapterFor(platform: string): PlatformAdapter;
}

export class ActionScope<S> {
  readonly action: Action;
  readonly adapter: PlatformAdapter;
  readonly chat: Chat | undefined;
  /** Responses sent so far for this action. */
  sent = 0;
  /** Set when the platform refused a response: the action must fail, to be redelivered. */
  deliveryFailure: DeliveryError | undefined;
  #access: AccessRequest | undefined;
  readonly #runtime: BotRuntime<S>;

  constructor(runtime: BotRuntime<S>, action: Action) {
    this.#runtime = runtime;
    this.action = action;
    this.adapter = runtime.adapterFor(action.user.platform);
    this.chat = chatOf(action);
  }

  get runtime(): BotRuntime<S> {
    return this.#runtime;
  }

  get access(): AccessRequest {
    this.#access ??= accessRequest(this.action.user, this.chat, this.adapter.conversations);
    return this.#access;
  }

  /** The context every handler gets; commands and buttons add their own fields. */
  context<A extends Action, Extra extends object>(extra: Extra): BaseContext<S, A> & Extra {
    return Object.assign(new HandlerContext<S>(this), extra) as unknown as BaseContext<S, A> & Extra;
  }

  /** Send what a handler returned (to where the action came from, unless it says otherwise). */
  async deliver(result: unknown, to: Addressable = this.action.addressable): Promise<void> {
    for (const response of toResponses(result, to)) await this.send(response);
  }

  async send(response: Response): Promise<void> {
    // After a refused response the action will run again: anything sent now would be doubled.
    if (this.deliveryFailure) throw this.deliveryFailure;
    const chained = this.#runtime.chain.run(response, { action: this.action, log: this.#runtime.log });
    const ready = chained instanceof Promise ? await chained : chained;
    for (const r of ready) {
      const adapter =
        r.to.platform === this.adapter.platform ? this.adapter : this.#runtime.adapterFor(r.to.platform);
      if (r.kind === "work") registerWorkType(this.#runtime.works, r.workType);
      try {
        await adapter.send(r);
      } catch (error) {
        // Refused for good: a retry would fail the same way, so it fails like a handler error.
        if (error instanceof UndeliverableError) throw error;
        this.deliveryFailure ??= new DeliveryError(error);
        throw this.deliveryFailure;
      }
      this.sent++;
    }
  }

  /** Tell the user something went wrong (as written for a UserError, else with a reference id). */
  async sendError(error: unknown): Promise<void> {
    const response = errorResponse(error, this.action.addressable, {
      log: this.#runtime.log,
      newId: this.#runtime.newId,
      action: this.action,
    });
    try {
      await this.send(response);
    } catch (sendFailure) {
      this.#runtime.log.error(
        { err: sendFailure, eventId: this.action.eventId },
        "could not send an error message",
      );
    }
  }
}

class HandlerContext<S> implements BaseContext<S> {
  readonly action: Action;
  readonly user: User;
  readonly chat: Chat | undefined;
  readonly addressable: Addressable;
  readonly conversations: Conversations;
  readonly services: S;
  #log: Logger | undefined;
  #history: History | undefined;
  readonly #scope: ActionScope<S>;

  constructor(scope: ActionScope<S>) {
    this.#scope = scope;
    this.action = scope.action;
    this.user = scope.action.user;
    this.chat = scope.chat;
    this.addressable = scope.action.addressable;
    this.conversations = scope.adapter.conversations;
    this.services = scope.runtime.services;
  }

  /** The bot's logger, with this action's event id and kind on every line. */
  get log(): Logger {
    this.#log ??= this.#scope.runtime.log.child({ eventId: this.action.eventId, action: this.action.kind });
    return this.#log;
  }

  get history(): History {
    this.#history ??= historyOver(this.#scope.adapter.history, this.#scope.runtime.works, this.addressable);
    return this.#history;
  }

  get self(): User {
    return this.#scope.adapter.botUser;
  }

  // Getters returning bound functions, so handlers can destructure them: `({ reply }) => reply("…")`
  // (made on use: most handlers just return their answer).
  get reply(): (result: HandlerResult) => Promise<void> {
    return (result) => this.#scope.deliver(result);
  }

  get send(): (to: Addressable, result: HandlerResult) => Promise<void> {
    return (to, result) => this.#scope.deliver(result, to);
  }
}
