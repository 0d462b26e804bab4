/**
 * Parses a card with the `adaptivecards` library at schema 1.5 — the renderer Teams' own is
 * modelled on — and returns every parse and validation message (none for a good card). Its UMD
 * bundle is loaded by
 * `require`: the package's ESM build imports extensionless paths, and its typings are TypeScript
 * sources this repository does not compile.
 */
import { createRequire } from "node:module";

interface AcModule {
  AdaptiveCard: new () => {
    parse(json: unknown, context: unknown): void;
    validateProperties(): { validationEvents: { message: string }[] };
  };
  SerializationContext: new (
    version: unknown,
  ) => { eventCount: number; getEventAt(i: number): { message: string } };
  Versions: { v1_5: unknown };
}

const AC = createRequire(import.meta.url)("adaptivecards/dist/adaptivecards.js") as AcModule;

export function cardProblems(card: unknown): string[] {
  const version = (card as { version?: unknown }).version;
  const problems: string[] = [];
  if (typeof version !== "string" || Number(version) > 1.5)
    problems.push(`version ${String(version)} is above 1.5`);
  const adaptive = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  adaptive.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of adaptive.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}
