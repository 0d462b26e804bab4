import { EVENT_TYPES } from "../events/event-factory.ts";
import { badRequest } from "../http/api-error.ts";
import { asObject, optionalBoolean, optionalString } from "../http/input.ts";
import type { Router } from "../http/router.ts";
import type { Pod } from "../runtime/pod.ts";
import { ACK_ID_SHAPE, feedReadReply } from "./datafeed-routes.ts";
import { DATAHOSE_SCOPES, type DatahoseFilter } from "./datahose-filter.ts";

/** `POST /agent/v5/events/read` (datahose): every event of the pod, filtered, with datafeed v2's ackId model. */
export function registerDatahoseRoutes(router: Router, pod: Pod): void {
  router.add("POST", "/agent/v5/events/read", async (ctx) => {
    const user = pod.sessions.authenticate(ctx, "agent");
    const body = asObject((await ctx.readJson()) ?? {});
    const filter = readFilter(body);
    const ackId = optionalString(body, "ackId", 256) ?? "";
    if (!ACK_ID_SHAPE.test(ackId))
      throw badRequest('Malformed ackId: send the ackId of the previous read, or ""', "MALFORMED_ACK_ID");
    optionalBoolean(body, "updatePresence");
    const { key, read } = pod.datafeeds.readDatahose(user.id, filter, ackId, ctx.clientGone);
    const outcome = await read;
    if (outcome.kind === "abandoned") return "handled";
    if (outcome.kind === "gone")
      throw badRequest(
        'The datahose feed expired while this read waited: read with ackId ""',
        "DATAHOSE_GONE",
      );
    const reply = feedReadReply(outcome.events, outcome.ackId);
    if (outcome.events.length === 0) return reply;
    return { ...reply, undelivered: () => pod.datafeeds.releaseDatahose(key, outcome.ackId) };
  });
}

function readFilter(body: Record<string, unknown>): DatahoseFilter {
  if (body.type !== "datahose")
    throw badRequest('"type" must be "datahose" (the only feed type this call reads)', "INVALID_FIELD");
  const tag = optionalString(body, "tag", 80);
  if (!tag) throw badRequest('"tag" is required: 1 to 80 characters naming the feed', "MISSING_FIELD");
  const eventTypes = stringList(body.eventTypes, "eventTypes", EVENT_TYPES);
  if (eventTypes.length === 0)
    throw badRequest(`"eventTypes" needs at least one of ${EVENT_TYPES.join(", ")}`, "MISSING_FIELD");
  return { tag, eventTypes, scopes: stringList(body.scopes, "scopes", DATAHOSE_SCOPES) };
}

function stringList(value: unknown, key: string, allowed: readonly string[]): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest(`"${key}" must be an array`, "INVALID_FIELD");
  for (const item of value) {
    if (typeof item !== "string" || !allowed.includes(item))
      throw badRequest(
        `"${key}": ${JSON.stringify(item)} is not one of ${allowed.join(", ")}`,
        "INVALID_FIELD",
      );
  }
  return [...new Set(value as string[])].sort();
}
