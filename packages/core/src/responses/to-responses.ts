/**
 * Turning whatever a handler returned into addressed Responses: nothing → none, a string or
 * content → a message, a work object → its view, a reply → as asked, a list → each in order.
 * Anything else is a programming error, reported with what was returned.
 */
import type { Addressable } from "../addressables/addressables.ts";
import type { WorkTypeRef } from "../bot/work-type-ref.ts";
import type { Content } from "../content/content.ts";
import { isContent, message } from "../content/content.ts";
import { ErrorCode, SprigError } from "../errors/errors.ts";
import { defaultValues } from "../forms/build-form-model.ts";
import { isZodSchema } from "../forms/zod-introspection.ts";
import type { WorkType } from "../work/index.ts";
import { workTypeOf } from "../work/index.ts";
import type { Reply } from "./replies.ts";
import { isReply } from "./replies.ts";
import type { Response, WorkMode, WorkResponse } from "./responses.ts";

/** What a handler may return. Work objects are any object made by a work type. */
export type HandlerResult =
  | Reply
  | Content
  | string
  | object
  | null
  | undefined
  // biome-ignore lint/suspicious/noConfusingVoidType: handlers that return nothing are typed `void`.
  | void
  | readonly HandlerResult[];

export function toResponses(result: unknown, to: Addressable): Response[] {
  const out: Response[] = [];
  collect(result, to, out);
  return out;
}

function collect(result: unknown, to: Addressable, out: Response[]): void {
  if (result === undefined || result === null) return;
  if (Array.isArray(result)) {
    for (const item of result) collect(item, to, out);
    return;
  }
  if (typeof result === "string") {
    out.push({ kind: "message", to, content: message(result), buttons: [] });
    return;
  }
  const workType = workTypeOf(result);
  if (workType) {
    out.push(workResponse(workType, result, "view", to));
    return;
  }
  if (isReply(result)) {
    out.push(fromReply(result, to));
    return;
  }
  if (isContent(result)) {
    out.push({ kind: "message", to, content: message(result), buttons: [] });
    return;
  }
  throw new SprigError(
    ErrorCode.InvalidResponse,
    `A handler returned ${describe(result)}, which sprig cannot send. Return a string, content, ` +
      "a work object (made by a work type's create/validate), a reply (view/edit/reply/attachment), or nothing.",
  );
}

function fromReply(reply: Reply, fallback: Addressable): Response {
  const to = reply.to ?? fallback;
  switch (reply.kind) {
    case "message":
      return {
        kind: "message",
        to,
        content: reply.content,
        buttons: reply.buttons ?? [],
        ...(reply.formId === undefined ? {} : { formId: reply.formId }),
      };
    case "error":
      return { kind: "error", to, message: reply.message, code: reply.code };
    case "attachment":
      return {
        kind: "attachment",
        to,
        name: reply.name,
        mediaType: reply.mediaType,
        bytes: reply.bytes,
        ...(reply.content === undefined ? {} : { content: reply.content }),
      };
    case "work": {
      if (reply.draftOf) return draftResponse(reply.draftOf, reply.value, to, reply);
      const workType = workTypeOf(reply.value);
      if (!workType) {
        throw new SprigError(
          ErrorCode.InvalidResponse,
          `${reply.mode}(…) was given ${describe(reply.value)}, not a work object. ` +
            "Make it with the work type's create() or validate() first.",
        );
      }
      return workResponse(workType, reply.value, reply.mode, to, reply);
    }
  }
}

export function workResponse(
  workType: WorkType<unknown>,
  value: unknown,
  mode: WorkMode,
  to: Addressable,
  options: WorkResponseOptions = {},
): WorkResponse {
  const template = options.template ?? workType.templates[mode];
  const errors = options.errors ?? {};
  const response: WorkResponse = {
    kind: "work",
    to,
    workType,
    value,
    mode,
    template,
    buttons: [],
    errors,
    // What history finds it by: the type name and the type's tags, then this response's own. An
    // unindexed type carries none, so no platform can find it.
    tags: workType.index ? [...new Set([workType.typeName, ...workType.tags, ...(options.tags ?? [])])] : [],
  };
  if (options.data === undefined && options.timeZone === undefined) return response;
  // Built here, with the data and the zone, so every adapter renders the same options and the same
  // date-times (they use `form` first).
  const form = workType.form(mode, value, errors, {
    template,
    ...(options.data === undefined ? {} : { data: options.data }),
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
  });
  // The zone travels with the run-time data, which every adapter keeps with the form message: the
  // form sent back after a failed validation or a table button is shown in the same zone.
  const formData =
    options.timeZone === undefined
      ? options.data
      : { ...options.data, [FORM_TIME_ZONE_KEY]: options.timeZone };
  return { ...response, ...(formData === undefined ? {} : { formData }), form };
}

/** Where a form's time zone is kept in its run-time data (`WorkResponse.formData`). */
export const FORM_TIME_ZONE_KEY = "sprig.timeZone";
/**
 * Where a form sent back after a failed check keeps the object it was made from: the values of the
 * fields it does not show (hidden, read-only) come from there when it is submitted again, as they
 * come from the work object of a form that passed.
 */
export const FORM_BASE_KEY = "sprig.base";

/** A pressed form's run-time data, split back into the handler's data, its zone and its base object. */
export function formOptionsOf(formData: Readonly<Record<string, unknown>> | undefined): {
  data?: Readonly<Record<string, unknown>>;
  timeZone?: string;
  base?: Readonly<Record<string, unknown>>;
} {
  if (formData === undefined) return {};
  const { [FORM_TIME_ZONE_KEY]: zone, [FORM_BASE_KEY]: base, ...data } = formData;
  return {
    ...(Object.keys(data).length > 0 ? { data } : {}),
    ...(typeof zone === "string" ? { timeZone: zone } : {}),
    ...(typeof base === "object" && base !== null && !Array.isArray(base)
      ? { base: base as Readonly<Record<string, unknown>> }
      : {}),
  };
}

interface WorkResponseOptions {
  readonly template?: string;
  readonly errors?: WorkResponse["errors"];
  readonly tags?: readonly string[];
  readonly data?: WorkResponse["formData"];
  readonly timeZone?: string;
}

/** A draft that validates (defaults applied) is sent as the real object; otherwise as a draft. */
function draftResponse(
  workType: WorkTypeRef,
  values: object,
  to: Addressable,
  options: WorkResponseOptions,
): WorkResponse {
  let checked: ReturnType<WorkTypeRef["validateSync"]> | undefined;
  try {
    checked = workType.validateSync(values);
  } catch {
    checked = undefined; // an async schema: keep it a draft
  }
  if (checked?.ok) return workResponse(workType, checked.value, "edit", to, options);
  // Not valid yet: the fields the handler left out show their defaults (a poll's "5 minutes").
  const shown = { ...blankValues(workType), ...definedOnly(values) };
  return { ...workResponse(workType, shown, "edit", to, options), draft: true };
}

function blankValues(workType: WorkTypeRef): Record<string, unknown> {
  return isZodSchema(workType.schema) ? defaultValues(workType.schema, workType.fieldKinds) : {};
}

function definedOnly(values: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

function describe(value: unknown): string {
  if (typeof value !== "object" || value === null) return `a ${typeof value}`;
  const name = value.constructor?.name;
  return name && name !== "Object" ? `an instance of ${name}` : "a plain object";
}
