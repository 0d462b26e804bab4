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
  return feeds.find((feed) => typeof feed.id === "string" && FANOUT_FEED_ID.test(feed.id));
}
