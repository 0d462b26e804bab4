/**
 * The bot: what the author registers (commands, buttons, consumers, work types, response
 * handlers) and `handle(action)`, the one entry point adapters call. Per action:
 * dedupe → per-conversation queue → consumers → route → respond, with the action in
 * AsyncLocalStorage throughout and errors turned into messages.
 */
import { randomUUID } from "node:crypto";
import type { AccessRequest } from "../access/restrictions.ts";
import { accessRequest } from "../access/restrictions.ts";
import type { Action, EventAction } from "../actions/actions.ts";
import type { Addressable } from "../addressables/addressables.ts";
import { addressableKey, sameAddressable } from "../addressables/addressables.ts";
import { runWithAction } from "../context/current-action.ts";
import type { Logger } from "../context/logger.ts";
import { consoleLogger } from "../context/logger.ts";
import { registerController } from "../decorators/controller.ts";
import {
  type ConversationOrder,
  localConversationOrder,
  orderPlaceOf,
} from "../dispatch/conversation-order.ts";
import type { DedupeStore } from "../dispatch/dedupe.ts";
import { DEFAULT_LEASE_MS, MemoryDedupeStore } from "../dispatch/dedupe.ts";
import { HeldElsewhereError, isDeliveryError } from "../dispatch/delivery-error.ts";
import { dedupeKeys, runOnce } from "../dispatch/exactly-once.ts";
import { ErrorCode, SprigError } from "../errors/errors.ts";
import { helpPage, UNORDERED, visibleCommands } from "../help/help.ts";
import type { PlatformAdapter } from "../platform/adapter.ts";
import { buttonsResponseHandler } from "../responses/buttons-handler.ts";
import { ResponseChain } from "../responses/response-chain.ts";
import type { HandlerResult } from "../responses/to-responses.ts";
import { toResponses } from "../responses/to-responses.ts";
import type { AddressingRule } from "../routing/addressing.ts";
import { defaultAddressing } from "../routing/addressing.ts";
import type { ButtonOptions } from "../routing/buttons.ts";
import { ButtonRegistry } from "../routing/buttons.ts";
import type { CommandEntry, CommandOptions } from "../routing/commands.ts";
import { CommandRegistry } from "../routing/commands.ts";
import type { Vars } from "../routing/pattern-types.ts";
import { WorkRegistry } from "../work/index.ts";
import type { BotRuntime } from "./action-scope.ts";
import { ActionScope } from "./action-scope.ts";
import type {
  ActionOf,
  ButtonHandler,
  CommandHandler,
  ConsumerKind,
  EventHandler,
  HandleOutcome,
  HandleStatus,
} from "./handlers.ts";
import type { Registry } from "./registry.ts";
import { routeForm } from "./route-form.ts";
import { routeMessage } from "./route-message.ts";
import { registerWorkType, type WorkTypeRef } from "./work-type-ref.ts";

export interface BotOptions<S> {
  /** The author's own services (stores, clients), handed to every handler as `ctx.services`. */
  readonly services?: S;
  readonly logger?: Logger;
  /** Where event and message ids are claimed and remembered; a bounded in-memory store by default. */
  readonly dedupe?: DedupeStore;
  /** How long a claim on an event holds while it is handled (2 minutes by default). */
  readonly dedupeLeaseMs?: number;
  /** How many conversations may be handled at the same time (16 by default). */
  readonly concurrency?: number;
  /**
   * Where the actions of a conversation wait their turn: in this process by default
   * (`localConversationOrder(concurrency)`); share one across instances (e.g. Redis) so that two
   * instances never handle one conversation's actions at the same time or out of order.
   */
  readonly order?: ConversationOrder;
  /** Which messages are for the bot; see `defaultAddressing`. */
  readonly addressing?: AddressingRule;
  /** Reference ids for unexpected errors (injectable for tests). */
  readonly newId?: () => string;
  /** The built-in `/help`; `false` leaves it out. */
  readonly help?: boolean | { readonly description?: string; readonly order?: number };
  /**
   * How many times a consumer of a platform event (`bot.on("event", …)`) is run before it is given
   * up on (3 by default). Each failure is logged; the last at error level. Nothing is said in chat.
   */
  readonly eventAttempts?: number;
}

const DEFAULT_FALLBACK: CommandHandler<{}, unknown> = () =>
  "Sorry, I don't know that command. Send /help to see what you can do here.";

const DEFAULT_EVENT_ATTEMPTS = 3;

const DUPLICATE: HandleOutcome = Object.freeze({ status: "duplicate", sent: 0 });
const IGNORED: HandleOutcome = Object.freeze({ status: "ignored", sent: 0 });

export class Bot<S = {}> {
  readonly works = new WorkRegistry();
  /** The response handler chain: `bot.responses.use({ name, priority, handle })`. */
  readonly responses = new ResponseChain();
  readonly log: Logger;
  readonly #registry: Registry<S>;
  readonly #adapters = new Map<string, PlatformAdapter>();
  readonly #dedupe: DedupeStore;
  readonly #leaseMs: number;
  readonly #order: ConversationOrder;
  readonly #runtime: BotRuntime<S>;
  readonly #eventAttempts: number;
  #builtinHelp: CommandEntry | undefined;

  constructor(options: BotOptions<S> = {}) {
    this.log = options.logger ?? consoleLogger();
    this.#dedupe = options.dedupe ?? new MemoryDedupeStore();
    this.#leaseMs = options.dedupeLeaseMs ?? DEFAULT_LEASE_MS;
    this.#order = options.order ?? localConversationOrder(options.concurrency);
    this.#eventAttempts = Math.max(1, Math.floor(options.eventAttempts ?? DEFAULT_EVENT_ATTEMPTS));
    this.#registry = {
      commands: new CommandRegistry(),
      buttons: new ButtonRegistry(),
      consumers: [],
      works: this.works,
      addressing: options.addressing ?? defaultAddressing,
      fallback: DEFAULT_FALLBACK as CommandHandler<{}, S>,
    };
    this.responses.use(buttonsResponseHandler(this.#registry.buttons as ButtonRegistry));
    const adapters = this.#adapters;
    this.#runtime = {
      works: this.works,
      chain: this.responses,
      log: this.log,
      services: (options.services ?? {}) as S,
      newId: options.newId ?? (() => randomUUID().slice(0, 8)),
      adapterFor(platform) {
        // Exactly the addressable's platform: a Teams user must never be sent a Symphony message.
        const adapter = adapters.get(platform);
        if (!adapter) {
          throw new SprigError(
            ErrorCode.NoAdapter,
            `No adapter is attached for platform "${platform}"; call bot.attach(adapter) first.`,
          );
        }
        return adapter;
      },
    };
    if (options.help !== false) this.#addBuiltinHelp(options.help === true ? {} : (options.help ?? {}));
  }

  /**
   * A command: `bot.command("delete {items:number...}", { description }, ({ vars }) => …)`.
   * `vars` is typed from the pattern. Registering a "help" command replaces the built-in one.
   */
  command<P extends string>(pattern: P, handler: CommandHandler<Vars<P>, S>): this;
  command<P extends string>(pattern: P, options: CommandOptions, handler: CommandHandler<Vars<P>, S>): this;
  command<P extends string>(
    pattern: P,
    second: CommandOptions | CommandHandler<Vars<P>, S>,
    third?: CommandHandler<Vars<P>, S>,
  ): this {
    const [options, handler] = typeof second === "function" ? [{}, second] : [second, third];
    if (!handler) {
      throw new SprigError(ErrorCode.InvalidRegistration, `Command "${pattern}" has no handler function.`);
    }
    if (this.#builtinHelp && /^\/?help$/i.test(pattern.trim())) {
      this.#registry.commands.remove(this.#builtinHelp as never);
      this.#builtinHelp = undefined;
    }
    this.#registry.commands.add(pattern, options, handler as CommandHandler<Record<string, unknown>, S>);
    return this;
  }

  /** A button on a work type's messages, with an id you choose and keep. */
  button<T>(
    workType: WorkTypeRef<T>,
    id: string,
    options: ButtonOptions,
    handler: ButtonHandler<T, S>,
  ): this {
    registerWorkType(this.works, workType);
    this.#registry.buttons.add(workType, id, options, handler as ButtonHandler<unknown, S>);
    return this;
  }

  /** Addressed messages that match no command. */
  fallback(handler: CommandHandler<{}, S>): this {
    this.#registry.fallback = handler;
    return this;
  }

  /** A consumer: sees every action of a kind ("message", "form", "member", or "action" for all). */
  on<K extends ConsumerKind>(kind: K, handler: EventHandler<ActionOf<K>, S>): this {
    this.#registry.consumers.push({ kind, handler: handler as EventHandler<never, S> });
    return this;
  }

  /** Make work types known (to read them from history and forms) before any is sent. */
  work(...types: WorkTypeRef[]): this {
    for (const type of types) registerWorkType(this.works, type);
    return this;
  }

  /** Register the `@command`, `@button` and `@on` methods of a controller object. */
  controller(instance: object): this {
    registerController(this, instance);
    return this;
  }

  /** Connect a platform. One adapter per platform name. */
  attach(adapter: PlatformAdapter): this {
    this.#adapters.set(adapter.platform, adapter);
    return this;
  }

  /** The commands a user may run in a chat, in help order (what `/help` lists). */
  commandsFor(request: AccessRequest): Promise<CommandEntry[]> {
    return visibleCommands(this.#registry.commands.list() as readonly CommandEntry[], request);
  }

  /**
   * Handle one action. Resolves when it is fully handled and every response sent, so an
   * adapter can acknowledge its platform only then. Rejects (with a `DeliveryError`) when a
   * response could not be delivered: the action's dedupe keys are released, so the platform's
   * redelivery runs it again — the adapter must not acknowledge the event then. Rejects with a
   * `HeldElsewhereError` when the action is held under a claim that has not run out (not a
   * duplicate: its holder may die): the adapter must not acknowledge it either.
   */
  async handle(action: Action): Promise<HandleOutcome> {
    const keys = dedupeKeys(action);
    // The place in the conversation's line is taken on arrival, before the (maybe async) claim.
    const ticket = this.#order.enter(addressableKey(action.addressable), orderPlaceOf(action));
    let entered = false;
    let once: Awaited<ReturnType<typeof runOnce<HandleOutcome>>>;
    try {
      once = await runOnce(
        this.#dedupe,
        keys,
        this.#leaseMs,
        () => {
          entered = true;
          return ticket.run(() => runWithAction(action, () => this.#process(action)));
        },
        ticket.claim && ((keys, leaseMs) => ticket.claim?.(this.#dedupe, keys, leaseMs)),
      );
    } finally {
      if (!entered) ticket.leave();
    }
    if (once.ran) return once.result;
    if (once.refused === "held") throw new HeldElsewhereError(keys[keys.length - 1] ?? action.eventId);
    return DUPLICATE;
  }

  /** Send outside any handler (a scheduled reminder, a startup message). */
  async send(to: Addressable, result: HandlerResult): Promise<void> {
    const adapter = this.#runtime.adapterFor(to.platform);
    for (const response of toResponses(result, to)) {
      for (const ready of await this.responses.run(response, { action: undefined, log: this.log })) {
        if (ready.kind === "work") registerWorkType(this.works, ready.workType);
        await adapter.send(ready);
      }
    }
  }

  async #process(action: Action): Promise<HandleOutcome> {
    const scope = new ActionScope(this.#runtime, action);
    // Platforms echo the bot's own messages back on their feeds; answering them would loop.
    if (sameAddressable(action.user, scope.adapter.botUser)) return IGNORED;
    let status: HandleStatus = "ignored";
    try {
      if (this.#registry.consumers.length > 0) await this.#runConsumers(scope, action);
      // A consumer's answer is the reply: the fallback's "don't know" would contradict it.
      if (action.kind === "message")
        status = await routeMessage(this.#registry, scope, action, scope.sent > 0);
      else if (action.kind === "form") status = await routeForm(this.#registry, scope, action);
    } catch (error) {
      // The platform refused a response: fail the action so its redelivery answers the person.
      if (isDeliveryError(error)) throw error;
      status = "failed";
      await scope.sendError(error);
    }
    // Also when a handler caught the failure itself: something the person should see was lost.
    if (scope.deliveryFailure) throw scope.deliveryFailure;
    return { status, sent: scope.sent };
  }

  async #runConsumers(scope: ActionScope<S>, action: Action): Promise<void> {
    for (const consumer of this.#registry.consumers) {
      if (consumer.kind !== "action" && consumer.kind !== action.kind) continue;
      if (action.kind === "event") {
        await this.#runEventConsumer(scope, action, consumer);
        continue;
      }
      try {
        await scope.deliver(await consumer.handler(scope.context({}) as never));
      } catch (error) {
        if (isDeliveryError(error)) throw error;
        // One failing consumer must not keep the others or the command from running.
        await scope.sendError(error);
      }
    }
  }

  /**
   * A platform event asked nobody anything, so a consumer's failure is not answered in chat; and
   * failing the whole action would have the platform redeliver it forever. It is tried a bounded
   * number of times, each failure logged, then given up on.
   */
  async #runEventConsumer(
    scope: ActionScope<S>,
    action: EventAction,
    consumer: Registry<S>["consumers"][number],
  ): Promise<void> {
    for (let attempt = 1; attempt <= this.#eventAttempts; attempt++) {
      try {
        await scope.deliver(await consumer.handler(scope.context({}) as never));
        return;
      } catch (error) {
        if (isDeliveryError(error)) throw error;
        const last = attempt === this.#eventAttempts;
        const fields = { err: error, eventId: action.eventId, event: action.event, attempt };
        if (last) this.log.error(fields, `event consumer failed ${attempt} times; given up`);
        else this.log.warn(fields, "event consumer failed; trying again");
      }
    }
  }

  #addBuiltinHelp(options: { readonly description?: string; readonly order?: number }): void {
    this.#builtinHelp = this.#registry.commands.add(
      "help",
      {
        description: options.description ?? "List the commands you can use here",
        order: options.order ?? UNORDERED * 2,
      },
      async (context) =>
        helpPage(await this.commandsFor(accessRequest(context.user, context.chat, context.conversations))),
    ) as CommandEntry;
  }
}

export function createBot<S = {}>(options: BotOptions<S> = {}): Bot<S> {
  return new Bot<S>(options);
}
