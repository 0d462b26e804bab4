/**
 * Compares the shape of one of our responses with an upstream sample: every field the sample fills
 * (non-null, non-empty) must be present in ours with the same JSON kind, recursively. Values differ
 * (ids, times); shapes must not.
 */
export function shapeDifferences(ours: unknown, sample: unknown, ignore: string[] = [], at = "$"): string[] {
  if (ignore.includes(at)) return [];
  if (sample === null || sample === undefined || sample === "") return [];
  if (ours === undefined || ours === null)
    return [`${at}: missing (sample has ${JSON.stringify(sample).slice(0, 60)})`];
  if (Array.isArray(sample)) {
    if (!Array.isArray(ours)) return [`${at}: expected array`];
    if (sample.length === 0 || ours.length === 0) return [];
    return shapeDifferences(ours[0], sample[0], ignore, `${at}[]`);
  }
  if (typeof sample === "object") {
    if (typeof ours !== "object" || Array.isArray(ours)) return [`${at}: expected object`];
    return Object.entries(sample as Record<string, unknown>).flatMap(([key, value]) =>
      shapeDifferences((ours as Record<string, unknown>)[key], value, ignore, `${at}.${key}`),
    );
  }
  return typeof ours === typeof sample ? [] : [`${at}: ${typeof ours} where the sample has ${typeof sample}`];
}
