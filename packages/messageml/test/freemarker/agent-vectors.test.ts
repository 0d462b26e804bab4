import { hasShared, readShared, readSharedJson } from "@sprig/shared-data";
import { parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { TemplateError } from "../../src/freemarker/index.ts";
import { expandFreemarker, MessageMLError } from "../../src/index.ts";

/** The message the agent gives for a template, or the expansion. */
function attempt(template: string, data: Record<string, unknown> = {}): string {
  try {
    return expandFreemarker(template, data);
  } catch (error) {
    if (error instanceof MessageMLError) return `${error.code}: ${error.message}`;
    throw error;
  }
}

describe("FreeMarker: the agent's own test vectors (MMU MessageMLContextTest)", () => {
  it("expands data['key'].value", () => {
    const out = expandFreemarker("<messageML>${data['obj123'].value}</messageML>", {
      obj123: { value: "Hello world!" },
    });
    expect(out).toBe("<messageML>Hello world!</messageML>");
  });

  it("binds entity to the same object as data", () => {
    expect(expandFreemarker("${entity.form.s}/${data.form.s}", { form: { s: "x" } })).toBe("x/x");
  });

  it("reports an unknown root variable at the start of the expression", () => {
    expect(attempt("<messageML>${obj['obj123'].value}</messageML>", { obj123: { value: "x" } })).toBe(
      "TEMPLATE_ERROR: Error parsing Freemarker template: invalid input at line 1, column 14",
    );
  });

  it("blocks ?new and blames the enclosing #assign", () => {
    const template =
      '<messageML><#assign ex="freemarker.template.utility.Execute"?new()> ${ ex("pwd") }</messageML>';
    expect(attempt(template)).toBe(
      "TEMPLATE_ERROR: Error parsing Freemarker template: invalid input at line 1, column 12",
    );
  });

  it("reports ${} as a syntax error with FreeMarker's expectation list", () => {
    expect(attempt("<messageML>${}</messageML>")).toBe(
      "TEMPLATE_ERROR: " +
        'Error parsing EntityJSON: Syntax error in template "messageML" in line 1, column 14:\n' +
        'Encountered "}", but was expecting one of:\n' +
        "    <STRING_LITERAL>\n    <RAW_STRING>\n" +
        '    "false"\n    "true"\n    <INTEGER>\n    <DECIMAL>\n' +
        '    "."\n    "+"\n    "-"\n    "!"\n    "["\n    "("\n    "{"\n    <ID>',
    );
  });

  it("reports an unknown directive at its #", () => {
    expect(attempt("<messageML><#invalid>template</#invalid>")).toContain(
      'Syntax error in template "messageML" in line 1, column 13',
    );
  });

  it("throws a TemplateError that is a MessageMLError with a reason for people", () => {
    let caught: unknown;
    try {
      expandFreemarker("${data.flag}", { flag: true });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TemplateError);
    expect(caught).toBeInstanceOf(MessageMLError);
    const error = caught as TemplateError;
    expect(error.code).toBe("TEMPLATE_ERROR");
    expect([error.line, error.column]).toEqual([1, 1]);
    expect(error.reason).toMatch(/boolean/);
  });

  it("leaves messages without FreeMarker syntax untouched", () => {
    const text = "<messageML>a </#if> $ { # { <b>x</b></messageML>";
    expect(expandFreemarker(text, {})).toBe(text);
  });
});

describe.skipIf(!hasShared())("FreeMarker: upstream payloads", () => {
  it("fails single_jira_ticket without data at line 5, column 29, as the agent does", () => {
    const template = readShared("messageml-examples", "payloads", "single_jira_ticket.messageml");
    expect(attempt(template)).toBe(
      "TEMPLATE_ERROR: Error parsing Freemarker template: invalid input at line 5, column 29",
    );
  });

  it("expands single_jira_ticket with its data", () => {
    const template = readShared("messageml-examples", "payloads", "single_jira_ticket.messageml");
    const data = readSharedJson<Record<string, unknown>>(
      "messageml-examples",
      "payloads",
      "single_jira_ticket.json",
    );
    const out = expandFreemarker(template, data);
    expect(out).not.toContain("${");
    expect(out).toContain("SAM-25");
  });

  it("expands templated_message_all_tags to the DOM of the expected expansion", () => {
    const template = readShared("messageml-examples", "payloads", "templated_message_all_tags.messageml");
    const data = readSharedJson<Record<string, unknown>>(
      "messageml-examples",
      "payloads",
      "templated_message_all_tags.json",
    );
    const expected = readShared("messageml-examples", "payloads", "expanded_single_jira_ticket.messageml");
    const actual = expandFreemarker(template, data);
    // The upstream expected file names the assignee by uid (resolved by the agent's user lookup);
    // the template writes the email. Everything else must be the same tree.
    const normalise = (xml: string) => canonicalDom(xml.replace(/<mention [^>]*\/>/g, "<mention/>"));
    expect(normalise(actual)).toBe(normalise(expected));
    expect(actual).toContain('<mention email="bot.user1@localhost.com"/>');
  });
});

/** Elements with sorted attributes and whitespace-collapsed text; blank text nodes dropped. */
function canonicalDom(xml: string): string {
  type N = { type: string; name?: string; attribs?: Record<string, string>; data?: string; children?: N[] };
  const walk = (node: N): string => {
    if (node.type === "text") {
      const text = (node.data ?? "").replace(/\s+/g, " ").trim();
      return text === "" ? "" : JSON.stringify(text);
    }
    const attrs = Object.entries(node.attribs ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(" ");
    const inner = (node.children ?? [])
      .map(walk)
      .filter((s) => s !== "")
      .join(",");
    return `${node.name ?? node.type}(${attrs})[${inner}]`;
  };
  const doc = parseDocument(xml, { xmlMode: true }) as unknown as N;
  return (doc.children ?? [])
    .map(walk)
    .filter((s) => s !== "")
    .join(",");
}
