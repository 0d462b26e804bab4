/**
 * MessageML (or PresentationML) + data → PresentationML + entity JSON, step by step as the agent
 * does it (MMU `MessageMLParser.parse`), with the agent's error texts:
 *   blank → data → FreeMarker (only on `<#`, `<@`, `${`, `#{`) → control characters → strict XML →
 *   every data-entity-id present → root tag → tree (attributes, children, validate) → root checks.
 */
import { randomBytes } from "node:crypto";
import { parseEntityJSON } from "../entities/structured-object.ts";
import { MessageMLError } from "../errors.ts";
import { containsFreemarkerSyntax, expandFreemarker } from "../freemarker/index.ts";
import { validateFallbackTicker } from "./elements/entity-rules.ts";
import { RULES } from "./elements/index.ts";
import { buildEntityJson } from "./entity-json.ts";
import { invalid } from "./invalid.ts";
import { EntityIndex } from "./json-lookup.ts";
import { findElements } from "./model.ts";
import { plainTextPresentationML } from "./plain-text.ts";
import { printPresentationML } from "./print.ts";
import type { UserLookup } from "./rule-types.ts";
import { buildFromXml } from "./stream-build.ts";

export type TemplateExpander = (template: string, data: Record<string, unknown>) => string;

export interface TranslateOptions {
  /** Entity JSON: an object, or a JSON string of one (the agent also accepts a JSON string holding a JSON string). */
  data?: string | Record<string, unknown>;
  /** Resolves `<mention uid|email>` to a display name; an unknown user fails a strict mention. */
  userLookup?: UserLookup;
  /** Clock, read only by a template's `.now`. */
  now?: () => Date;
  /** Generates the random short ids of labels, checkboxes and dialogs (inject for deterministic output). */
  shortId?: () => string;
  /** URI schemes links may use (the pod's allow-list); default http, https, mailto, ftp. */
  uriSchemes?: readonly string[];
  /** The FreeMarker engine; defaults to the package's `expandFreemarker`. */
  expandTemplate?: TemplateExpander;
}

export interface TranslateResult {
  presentationML: string;
  entityJSON: Record<string, unknown>;
}

const DEFAULT_SCHEMES = new Set(["http", "https", "mailto", "ftp"]);

/**
 * From this length on, top-level content is printed as soon as it is complete and the tree lets go
 * of it (`stream-build.ts`): holding a megabyte message's whole tree until the end made the GC copy
 * it, tripling the cost per byte. Shorter messages are printed at the end, the cheapest for them.
 */
const PRINT_EARLY_FROM = 32 * 1024;

/** Any character below 0x20 other than tab, LF and CR (checked on the expanded message). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are exactly what the agent refuses
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

function hasControlCharacters(s: string): boolean {
  return CONTROL_CHARACTER.test(s);
}

export function defaultShortId(): string {
  return randomBytes(6).toString("base64url").slice(0, 8);
}

export function translateMessageML(input: string, options: TranslateOptions = {}): TranslateResult {
  return translate(input, options, true);
}

/** The translation step by step, with no shortcut for plain text (what that shortcut is checked against). */
export function translateInFull(input: string, options: TranslateOptions = {}): TranslateResult {
  return translate(input, options, false);
}

function translate(input: string, options: TranslateOptions, plainTextShortcut: boolean): TranslateResult {
  try {
    return translateSteps(input, options, plainTextShortcut);
  } catch (e) {
    if (e instanceof MessageMLError) throw e;
    // Nothing else should escape; if it does, it is still reported as a MessageMLError.
    if (e instanceof RangeError) {
      throw new MessageMLError("INVALID_XML", "Invalid messageML: the message is nested too deeply");
    }
    throw new MessageMLError("INVALID_MESSAGEML", `Invalid messageML: ${(e as Error).message}`);
  }
}

function translateSteps(
  input: string,
  options: TranslateOptions,
  plainTextShortcut: boolean,
): TranslateResult {
  if (typeof input !== "string" || input.trim() === "") {
    throw new MessageMLError("EMPTY_MESSAGE", "Error parsing message: the message cannot be null or empty");
  }
  // Step 2. Generated entries are added at the top, and structured objects that receive entries
  // are copied before (see text-rules `entityObject`): a shallow copy keeps the caller's data as it was.
  let entityJson = parseEntityJSON(options.data);
  if (entityJson === options.data) entityJson = { ...entityJson };
  // Plain text has no entities to add: the data comes back as it was read.
  const plain = plainTextShortcut ? plainTextPresentationML(input) : undefined;
  if (plain !== undefined) return { presentationML: plain, entityJSON: entityJson };
  const message = containsFreemarkerSyntax(input)
    ? options.expandTemplate
      ? options.expandTemplate(input, entityJson)
      : expandFreemarker(input, entityJson, undefined, options.now)
    : input;
  if (hasControlCharacters(message)) {
    throw new MessageMLError("CONTROL_CHARACTERS", "Invalid control characters in message");
  }
  const shortId = options.shortId ?? defaultShortId;
  const { root, builder, early } = buildFromXml(message, {
    checkEntityIds: message.includes("data-entity-id"),
    printEarly: message.length >= PRINT_EARLY_FROM,
    entityJson,
    entityIndex: new EntityIndex(entityJson),
    userLookup: options.userLookup,
    uriSchemes: options.uriSchemes
      ? new Set(options.uriSchemes.map((s) => s.toLowerCase()))
      : DEFAULT_SCHEMES,
    shortId,
  });
  if (root.beta)
    invalid(
      'Attribute "beta" on element "messageML" is only allowed when MessageMLContext is initialized with beta=true',
    );
  for (const tag of findElements(root, (e) => e.kind === "Tag")) validateFallbackTicker(tag);
  RULES.MessageML.validate(root, builder);

  const presentationML = printPresentationML(root, shortId, early);
  return { presentationML, entityJSON: buildEntityJson(root, entityJson) };
}
