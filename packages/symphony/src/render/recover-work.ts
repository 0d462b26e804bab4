/**
 * A button press names the form message; its `data` (a JSON string on the datafeed and from
 * `GET /agent/v1/message/{id}`) holds the work object under `form`, the buttons it showed under
 * `buttons`, its mode under `header` and the handler's run-time data under `formData`. Decoding goes
 * through the work registry only, so a type name in data can never select code; drafts were never
 * state.
 */
import type { OfferedControls, WorkRegistry } from "@sprig/core";
import { parseEntityJSON } from "@sprig/messageml";
import { WORK_DATA_KEY } from "./work-data.ts";

/** What a form message tells about the press made on it. */
export interface RecoveredForm {
  /** The work object it was made from (absent for drafts, button-only messages, unreadable data). */
  readonly work?: unknown;
  /** The controls it showed; absent when its data does not say (a message from before they were kept). */
  readonly offered?: OfferedControls;
  /** The run-time data its form was built with. */
  readonly formData?: Readonly<Record<string, unknown>>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The work object stored in a form message, or undefined when there is none or it cannot be read. */
export function recoverWorkFromMessage(
  works: WorkRegistry,
  data: string | Record<string, unknown> | undefined,
): unknown | undefined {
  return recoverFormFromMessage(works, data).work;
}

/** Everything a form message's data tells; what cannot be read is left out, never thrown. */
export function recoverFormFromMessage(
  works: WorkRegistry,
  data: string | Record<string, unknown> | undefined,
): RecoveredForm {
  let entity: Record<string, unknown>;
  try {
    entity = parseEntityJSON(data);
  } catch {
    return {};
  }
  const header = isRecord(entity.header) ? entity.header : undefined;
  const work = header?.draft === true ? undefined : works.decode(entity[WORK_DATA_KEY]);
  const offered = offeredControls(entity.buttons, header);
  const formData =
    isRecord(entity.formData) && isRecord(entity.formData.contents) ? entity.formData.contents : undefined;
  return {
    ...(work === undefined ? {} : { work }),
    ...(offered === undefined ? {} : { offered }),
    ...(formData === undefined ? {} : { formData }),
  };
}

/** The buttons' names from `buttons.contents`; inputs and table controls only under an edit form's header. */
function offeredControls(
  buttons: unknown,
  header: Record<string, unknown> | undefined,
): OfferedControls | undefined {
  if (!isRecord(buttons) || !Array.isArray(buttons.contents)) return undefined;
  const names = buttons.contents.flatMap((b: unknown) =>
    isRecord(b) && typeof b.name === "string" ? [b.name] : [],
  );
  return { buttons: names, editable: header?.mode === "edit" };
}
