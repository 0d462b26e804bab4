import type { V5Datafeed } from "../rest/wire-types.ts";

/** The id shape of an untagged fanout datafeed v2 (`<id>_f` or `<id>_f_<suffix>`), as the BDKs match it. */
const FANOUT_FEED_ID = /^[^\s_]+_f(_[^\s_]+)?$/;

/**
 * The feed to reuse among the account's feeds. Reusing instead of creating keeps the account under
 * the pod's limit of 20 feeds and lets several instances share one feed.
 *
 * Without a tag: the first fanout-shaped id. With a tag, the BDK-Java rule: the feed whose id is the
 * tag and whose type is fanout — a tagged feed's id is its tag, so it never has the `_f` shape, and a
 * feed of another tag (or none) must not be taken over.
 */
export function pickReusableFeed(feeds: readonly V5Datafeed[], tag?: string): V5Datafeed | undefined {
  if (tag !== undefined) return feeds.find((feed) => feed.id === tag && feed.type === "fanout");
  return oldest(feeds.filter((feed) => typeof feed.id === "string" && FANOUT_FEED_ID.test(feed.id)));
}

/**
 * Of several candidates, the one made first (then the smallest id): two instances that each made a
 * feed at the same moment settle on the same one — the one the first of them, listing right after
 * its create, saw alone and kept. Feeds without a creation time keep the listing's order.
 */
function oldest(feeds: readonly V5Datafeed[]): V5Datafeed | undefined {
  return feeds.reduce<V5Datafeed | undefined>((best, feed) => {
    if (!best) return feed;
    const [a, b] = [feed.createdAt, best.createdAt];
    if (a === undefined || b === undefined || a === b) return a === b && feed.id < best.id ? feed : best;
    return a < b ? feed : best;
  }, undefined);
}
