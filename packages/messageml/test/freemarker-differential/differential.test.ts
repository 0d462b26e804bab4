import { describe, expect, it } from "vitest";
import { expandFreemarker, TemplateError } from "../../src/freemarker/index.ts";
import { corpus } from "./corpus.ts";
import { type AgentResult, expandWithRealFreemarker, realFreemarkerMissing } from "./real-freemarker.ts";

// Every template of the corpus goes through sprig's subset and through the agent's engine (FreeMarker
// 2.3.31 with MMU's settings, test/freemarker-differential/Harness.java); output or error must match.
//
// "The agent's exact error": a runtime failure is the whole line
//   Error parsing Freemarker template: invalid input at line L, column C
// and a syntax error is compared up to its position,
//   Error parsing EntityJSON: Syntax error in template "messageML" in line L, column C:
// because what follows is FreeMarker's prose for authors (with lists of expected tokens); the
// classification (syntax or runtime) and the position are what a bot author's tests can depend on.

const missing = realFreemarkerMissing();
const inCi = process.env.CI === "true";
if (missing !== undefined && !inCi) {
  console.warn(`\n[sprig] FreeMarker differential test skipped: ${missing}\n`);
}

function sprig(template: string, data: Record<string, unknown>, now: number): string {
  try {
    return `output: ${expandFreemarker(template, data, undefined, () => new Date(now))}`;
  } catch (error) {
    if (error instanceof TemplateError) return `error: ${agentComparable(error.message)}`;
    return `crash: ${String(error)}`;
  }
}

function agent(result: AgentResult): string {
  if ("output" in result) return `output: ${result.output}`;
  if ("error" in result) return `error: ${agentComparable(result.error)}`;
  return `crash: ${result.crash}`;
}

function agentComparable(message: string): string {
  const newline = message.indexOf("\n");
  return message.startsWith("Error parsing EntityJSON: Syntax error") && newline >= 0
    ? message.slice(0, newline)
    : message;
}

describe.skipIf(missing !== undefined && !inCi)(
  "FreeMarker differential: sprig's subset against FreeMarker 2.3.31",
  () => {
    it("expands every template of the corpus as the agent does (output or error)", () => {
      if (missing !== undefined)
        throw new Error(`FreeMarker differential test cannot run under CI: ${missing}`);
      const cases = corpus();
      expect(cases.length).toBeGreaterThanOrEqual(500);
      const expected = expandWithRealFreemarker(cases);
      const differences: string[] = [];
      cases.forEach((c, i) => {
        const want = agent(expected[i]!);
        const got = sprig(c.template, c.data, expected[i]!.now);
        if (want !== got) {
          differences.push(
            `#${i} ${JSON.stringify(c.template)}\n  agent: ${JSON.stringify(want)}\n  sprig: ${JSON.stringify(got)}`,
          );
        }
      });
      console.log(
        `[sprig] FreeMarker differential: ${cases.length} templates, ${differences.length} differences`,
      );
      // SPRIG_FM_DIFFERENCES=1 prints them all, to work through the list.
      if (process.env.SPRIG_FM_DIFFERENCES) console.log(differences.join("\n"));
      // Every template must come out as the agent's does: any difference fails, listed.
      expect(differences.join("\n")).toBe("");
    }, 180_000);
  },
);
