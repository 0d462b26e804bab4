import { hasShared, readShared, readSharedJson } from "@sprig/shared-data";
import { describe, expect, it } from "vitest";
import { translateMessageML } from "../../src/index.ts";
import { normalizedDom } from "./dom.ts";
import { jiraUsers } from "./users.ts";

const PAYLOADS = "messageml-examples/payloads";

describe.skipIf(!hasShared())("templated jira payload (FreeMarker end to end)", () => {
  it("expands to the DOM and entity JSON of the expected files", () => {
    const template = readShared(PAYLOADS, "templated_message_all_tags.messageml");
    const data = readSharedJson<Record<string, unknown>>(PAYLOADS, "templated_message_all_tags.json");
    const result = translateMessageML(template, { data, userLookup: jiraUsers });
    const expectedPml = readShared(PAYLOADS, "expanded_single_jira_ticket.presentationml");
    const expectedJson = readSharedJson(PAYLOADS, "expanded_single_jira_ticket.entityjson");
    expect(normalizedDom(result.presentationML)).toEqual(normalizedDom(expectedPml));
    expect(result.entityJSON).toEqual(expectedJson);
  });

  it("translates the expected PresentationML with its entity JSON to the same result", () => {
    const pml = readShared(PAYLOADS, "expanded_single_jira_ticket.presentationml");
    const data = readShared(PAYLOADS, "expanded_single_jira_ticket.entityjson");
    const result = translateMessageML(pml, { data, userLookup: jiraUsers });
    expect(normalizedDom(result.presentationML)).toEqual(normalizedDom(pml));
    expect(result.entityJSON).toEqual(JSON.parse(data));
  });

  it("accepts the entity JSON as a JSON string holding a JSON string (the agent parses it twice)", () => {
    const pml = readShared(PAYLOADS, "expanded_single_jira_ticket.presentationml");
    const data = JSON.stringify(readShared(PAYLOADS, "expanded_single_jira_ticket.entityjson"));
    expect(() => translateMessageML(pml, { data, userLookup: jiraUsers })).not.toThrow();
  });

  it("the non-templated MessageML of the same ticket gives the same DOM", () => {
    const mml = readShared(PAYLOADS, "expanded_single_jira_ticket.messageml");
    const data = readSharedJson<Record<string, unknown>>(PAYLOADS, "templated_message_all_tags.json");
    const result = translateMessageML(mml, { data, userLookup: jiraUsers });
    const expectedPml = readShared(PAYLOADS, "expanded_single_jira_ticket.presentationml");
    expect(normalizedDom(result.presentationML)).toEqual(normalizedDom(expectedPml));
  });
});
