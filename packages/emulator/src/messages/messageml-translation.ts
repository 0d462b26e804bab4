/**
 * The one place the emulator turns a bot's MessageML into PresentationML + EntityJSON.
 * TEMPORARY: until @sprig/messageml exports `translateMessageML`, a minimal stand-in
 * (`provisional-translator.ts`) does the job; this seam is what switches.
 */
import { translateProvisionally } from "./provisional-translator.ts";

export interface Translation {
  presentationML: string;
  entityJSON: Record<string, unknown>;
}

export interface LookedUpUser {
  id: string;
  displayName: string;
  email?: string;
}

export type UserLookup = (query: { uid?: string; email?: string }) => LookedUpUser | undefined;

export interface TranslateOptions {
  data?: string | Record<string, unknown>;
  userLookup?: UserLookup;
}

/** Throws `MessageMLError` (from @sprig/messageml) with the agent's text when the input is invalid. */
export function translateMessage(input: string, options: TranslateOptions): Translation {
  return translateProvisionally(input, options);
}
