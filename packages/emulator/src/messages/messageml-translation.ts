/**
 * The one place the emulator turns a bot's MessageML into PresentationML + EntityJSON: the agent's own
 * rules and error texts, from @sprig/messageml (shared with the adapter as "the language", nothing else).
 */
import { translateMessageML, type UserLookup } from "@sprig/messageml";

export type { UserLookup };

export interface Translation {
  presentationML: string;
  entityJSON: Record<string, unknown>;
}

export interface TranslateOptions {
  data?: string | Record<string, unknown>;
  userLookup?: UserLookup;
  /** Random short ids of labels, checkboxes and dialogs; from the emulator's id source (deterministic in tests). */
  shortId?: () => string;
}

/** Throws `MessageMLError` with the agent's text when the input is invalid. */
export function translateMessage(input: string, options: TranslateOptions): Translation {
  return translateMessageML(input, options);
}
