import { asObject, booleanParam, intParam, userIdList } from "../http/input.ts";
import { json } from "../http/replies.ts";
import type { RequestContext } from "../http/request-context.ts";
import type { Router } from "../http/router.ts";
import type { Pod } from "../runtime/pod.ts";
import {
  changeSubscriptions,
  createSignal,
  deleteSignal,
  ownSignal,
  signalView,
  updateSignal,
  visibleSignal,
} from "./signal-book.ts";

/** Signals (`/agent/v1/signals/…`, agent-api-public.yaml). */
export function registerSignalRoutes(router: Router, pod: Pod): void {
  const { store } = pod;
  const caller = (ctx: RequestContext) => pod.sessions.authenticate(ctx, "agent");
  const page = (ctx: RequestContext, fallback: number, max: number) => {
    const skip = intParam(ctx.query.get("skip"), "skip", 0);
    return { skip, end: skip + intParam(ctx.query.get("limit"), "limit", fallback, max) };
  };

  router.add("GET", "/agent/v1/signals/list", (ctx) => {
    const user = caller(ctx);
    const { skip, end } = page(ctx, 50, 500);
    const mine = [...store.signals.values()]
      .filter((s) => s.ownerId === user.id || s.subscribers.some((sub) => sub.userId === user.id))
      .sort((a, b) => a.timestamp - b.timestamp);
    return json(mine.slice(skip, end).map(signalView));
  });
  router.add("GET", "/agent/v1/signals/:id/get", (ctx) =>
    json(signalView(visibleSignal(pod, caller(ctx), ctx.params.id ?? ""))),
  );
  router.add("POST", "/agent/v1/signals/create", async (ctx) => {
    const user = caller(ctx);
    return json(signalView(createSignal(pod, user, asObject(await ctx.readJson(), "Signal"))));
  });
  router.add("POST", "/agent/v1/signals/:id/update", async (ctx) => {
    const user = caller(ctx);
    const body = asObject(await ctx.readJson(), "Signal");
    const signal = ownSignal(pod, user, ctx.params.id ?? "");
    return json(signalView(updateSignal(pod, signal, body)));
  });
  router.add("POST", "/agent/v1/signals/:id/delete", (ctx) => {
    deleteSignal(pod, ownSignal(pod, caller(ctx), ctx.params.id ?? ""));
    return json({ format: "TEXT", message: "Signal deleted" });
  });
  for (const [verb, subscribe] of [
    ["subscribe", true],
    ["unsubscribe", false],
  ] as const) {
    router.add("POST", `/agent/v1/signals/:id/${verb}`, async (ctx) => {
      const user = caller(ctx);
      const userIds = userIdList(await ctx.readJson(), "userIds");
      const signal = visibleSignal(pod, user, ctx.params.id ?? "");
      const pushed = booleanParam(ctx.query.get("pushed"), "pushed", false);
      return json(changeSubscriptions(pod, user, signal, userIds, subscribe, pushed));
    });
  }
  router.add("GET", "/agent/v1/signals/:id/subscribers", (ctx) => {
    const signal = visibleSignal(pod, caller(ctx), ctx.params.id ?? "");
    const { skip, end } = page(ctx, 100, 1000);
    const data = signal.subscribers.slice(skip, end).map((s) => ({
      subscriptionId: `${signal.id}-${s.userId}`,
      pushed: s.pushed,
      owner: s.userId === signal.ownerId,
      subscriberName: store.users.get(s.userId)?.displayName ?? String(s.userId),
      userId: s.userId,
      timestamp: s.timestamp,
    }));
    return json({
      offset: skip,
      hasMore: end < signal.subscribers.length,
      total: signal.subscribers.length,
      data,
    });
  });
}
