/**
 * What a press learns from the message it was made on, decided as the Symphony adapter decides it
 * when it reads its own message back: the buttons the message showed, whether it was an edit form
 * (inputs and table controls), and the run-time data its form was built with. Core refuses a press
 * of anything not offered, so in-memory tests meet the same refusals a real pod gives.
 */
import type { OfferedControls, Response } from "@sprig/core";

export interface FormMessageFields {
  readonly offered?: OfferedControls;
  readonly formData?: Readonly<Record<string, unknown>>;
}

export function formMessageFields(
  response: Response,
  options: { offeredUnknown?: boolean } = {},
): FormMessageFields {
  const known = options.offeredUnknown !== true;
  if (response.kind === "work") {
    const formData = response.formData === undefined ? undefined : asStored(response.formData);
    return {
      ...(known
        ? { offered: { buttons: response.buttons.map((b) => b.id), editable: response.mode === "edit" } }
        : {}),
      ...(formData === undefined ? {} : { formData }),
    };
  }
  // A message without buttons carries no form data on Symphony: nothing is known, nothing checked.
  if (known && response.kind === "message" && response.buttons.length > 0)
    return { offered: { buttons: response.buttons.map((b) => b.id), editable: false } };
  return {};
}

/**
 * The form data as a message's JSON data keeps it (dates become strings, functions vanish), so a
 * bot whose form data does not survive the trip fails here as it would on a real platform.
 */
function asStored(data: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> | undefined {
  try {
    const stored: unknown = JSON.parse(JSON.stringify(data));
    return typeof stored === "object" && stored !== null && !Array.isArray(stored)
      ? (stored as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
