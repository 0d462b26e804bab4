import { eventListJson, type V4Event } from "../events/event-factory.ts";
import { badRequest } from "../http/api-error.ts";
import { asObject, intParam, optionalBoolean, optionalString } from "../http/input.ts";
import { empty, json, jsonText } from "../http/replies.ts";
import type { Router } from "../http/router.ts";
import type { Pod } from "../runtime/pod.ts";
import type { DatafeedV2 } from "./datafeed-v2.ts";

export const ACK_ID_SHAPE = /^[A-Za-z0-9_\-+/=]{0,256}$/;

/** A v2 read's answer (datafeed and datahose), from the events' own texts. */
export function feedReadReply(events: readonly V4Event[], ackId: string) {
  return jsonText(`{"events":${eventListJson(events)},"ackId":${JSON.stringify(ackId)}}`);
}

function datafeedView(feed: DatafeedV2): Record<string, unknown> {
  return { id: feed.id, createdAt: feed.createdAt, type: "fanout" };
}

export function registerDatafeedRoutes(router: Router, pod: Pod): void {
  router.add("GET", "/agent/v5/datafeeds", (ctx) => {
    const user = pod.sessions.authenticate(ctx, "agent");
    const tag = ctx.query.get("tag") ?? undefined;
    return json(pod.datafeeds.listV2(user.id, tag).map(datafeedView));
  });

  router.add("POST", "/agent/v5/datafeeds", async (ctx) => {
    const user = pod.sessions.authenticate(ctx, "agent");
    const body = asObject((await ctx.readJson()) ?? {});
    const tag = optionalString(body, "tag", 100) || undefined;
    optionalBoolean(body, "includeInvisible");
    const feed = pod.datafeeds.createV2(user.id, tag);
    pod.changed({ kind: "datafeeds", ownerId: user.id });
    return json(datafeedView(feed), 201);
  });

  router.add("DELETE", "/agent/v5/datafeeds/:id", (ctx) => {
    const user = pod.sessions.authenticate(ctx, "agent");
    pod.datafeeds.deleteV2(user.id, ctx.params.id!);
    pod.changed({ kind: "datafeeds", ownerId: user.id });
    return empty(204);
  });

  router.add("POST", "/agent/v5/datafeeds/:id/read", async (ctx) => {
    const user = pod.sessions.authenticate(ctx, "agent");
    const body = asObject((await ctx.readJson()) ?? {});
    const ackId = optionalString(body, "ackId", 256) ?? "";
    if (!ACK_ID_SHAPE.test(ackId))
      throw badRequest('Malformed ackId: send the ackId of the previous read, or ""', "MALFORMED_ACK_ID");
    optionalBoolean(body, "updatePresence");
    const feedId = ctx.params.id!;
    const outcome = await pod.datafeeds.readV2(user.id, feedId, ackId, ctx.clientGone);
    pod.changed({ kind: "datafeeds", ownerId: user.id });
    if (outcome.kind === "abandoned") return "handled";
    if (outcome.kind === "gone") {
      throw badRequest(
        "Do not retry: the feed no longer exists (it was deleted while this read waited)",
        "DATAFEED_GONE",
      );
    }
    const reply = feedReadReply(outcome.events, outcome.ackId);
    if (outcome.events.length === 0) return reply;
    return {
      ...reply,
      undelivered: () => {
        pod.datafeeds.releaseV2(user.id, feedId, outcome.ackId);
        pod.changed({ kind: "datafeeds", ownerId: user.id });
      },
    };
  });

  router.add("POST", "/agent/v4/datafeed/create", (ctx) => {
    const user = pod.sessions.authenticate(ctx, "agent");
    const feed = pod.datafeeds.createV1(user.id);
    pod.changed({ kind: "datafeeds", ownerId: user.id });
    return json({ id: feed.id });
  });

  router.add("GET", "/agent/v4/datafeed/:id/read", async (ctx) => {
    const user = pod.sessions.authenticate(ctx, "agent");
    const limit = intParam(ctx.query.get("limit"), "limit", 100, 500);
    const feedId = ctx.params.id!;
    const events = await pod.datafeeds.readV1(user.id, feedId, limit, ctx.clientGone);
    pod.changed({ kind: "datafeeds", ownerId: user.id });
    if (events === undefined) throw badRequest("Do not retry: the feed no longer exists", "DATAFEED_GONE");
    if (events.length === 0) return json(events);
    return {
      ...jsonText(eventListJson(events)),
      undelivered: () => {
        pod.datafeeds.putBackV1(user.id, feedId, events);
        pod.changed({ kind: "datafeeds", ownerId: user.id });
      },
    };
  });
}
