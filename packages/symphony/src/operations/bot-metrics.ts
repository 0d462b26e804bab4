import { Counter, Histogram, Registry } from "prom-client";

/**
 * The bot's Prometheus metrics, in a registry of its own (never the process-wide default, so two
 * bots in one process, or the author's own metrics, do not collide). Labels are closed sets (event
 * types, outcomes, operations): no user text, id or token ever becomes a label.
 */
export class BotMetrics {
  readonly registry = new Registry();
  readonly #events = new Counter({
    name: "sprig_symphony_events_read_total",
    help: "Datafeed events read, by event type",
    labelNames: ["type"] as const,
    registers: [this.registry],
  });
  readonly #redeliveries = new Counter({
    name: "sprig_symphony_events_redelivered_total",
    help: "Datafeed events read again (same event id): a batch not acknowledged, or a duplicate delivery",
    registers: [this.registry],
  });
  readonly #actions = new Counter({
    name: "sprig_symphony_actions_total",
    help: "Actions handled, by outcome (handled, duplicate, ignored, refused, invalid, failed, error)",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });
  readonly #latency = new Histogram({
    name: "sprig_symphony_action_duration_seconds",
    help: "Time from an action reaching the bot to its handling being done, responses sent",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly #sends = new Counter({
    name: "sprig_symphony_messages_sent_total",
    help: "Messages the bot sent in answer to actions",
    registers: [this.registry],
  });
  readonly #dedupeHits = new Counter({
    name: "sprig_symphony_dedupe_hits_total",
    help: "Actions not run because they were handled already (or are being handled elsewhere)",
    registers: [this.registry],
  });
  readonly #retries = new Counter({
    name: "sprig_symphony_rest_retries_total",
    help: "REST calls tried again after a failure (5xx, 429, network), by operation",
    labelNames: ["operation"] as const,
    registers: [this.registry],
  });
  /** Event ids seen lately, to count redeliveries; bounded, oldest forgotten first. */
  readonly #seen = new Set<string>();

  eventRead(type: string | undefined, id: string | undefined): void {
    this.#events.inc({ type: type ?? "UNKNOWN" });
    if (id === undefined) return;
    if (this.#seen.has(id)) {
      this.#redeliveries.inc();
      return;
    }
    this.#seen.add(id);
    if (this.#seen.size > 10_000) this.#seen.delete(this.#seen.values().next().value as string);
  }

  actionDone(outcome: string, seconds: number, sent: number): void {
    this.#actions.inc({ outcome });
    this.#latency.observe(seconds);
    if (sent > 0) this.#sends.inc(sent);
    if (outcome === "duplicate") this.#dedupeHits.inc();
  }

  retried(operation: string): void {
    this.#retries.inc({ operation });
  }

  /** The Prometheus text exposition. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
