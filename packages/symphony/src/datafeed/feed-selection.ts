import type { V5Datafeed } from "../rest/wire-types.ts";

/** The id shape of a fanout datafeed v2 (`<id>_f` or `<id>_f_<suffix>`), as the BDKs match it. */
const FANOUT_FEED_ID = /^[^\s_]+_f(_[^\s_]+)?$/;

/**
 * The feed to reuse among the account's feeds: the first fanout one. Reusing instead of creating keeps
 * the account under the pod's limit of 20 feeds and lets several instances share one feed.
 */
export function pickReusableFeed(feeds: readonly V5Datafeed[]): V5Datafeed | undefined {
  return feeds.find((feed) => typeof feed.id === "string" && FANOUT_FEED_ID.test(feed.id));
}
