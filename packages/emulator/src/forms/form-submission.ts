import { compileJavaRegex } from "@sprig/messageml";
import { badRequest } from "../http/api-error.ts";
import { type Pod, publishToStream } from "../runtime/pod.ts";
import type { MessageRecord, StreamRecord, UserRecord } from "../store/records.ts";
import { type FormDefinition, type FormField, readForms } from "./form-reader.ts";

export interface FormSubmission {
  formId: string;
  action: string;
  values: Record<string, unknown>;
}

const reject = (message: string, reason: string) => badRequest(message, reason);

/**
 * A person presses a button of an Elements form. Everything is checked against the form in the stored
 * message (so a forged submission cannot reach a bot), then SYMPHONYELEMENTSACTION goes out with
 * `formValues` = `{action, ...fields}` as the client sends them: pre-filled values included,
 * unchecked checkboxes absent, person-selector values numeric.
 */
export function submitForm(
  pod: Pod,
  stream: StreamRecord,
  message: MessageRecord,
  person: UserRecord,
  submission: FormSubmission,
) {
  if (!pod.store.isMember(stream, person.id)) {
    throw reject(`User ${person.id} is not a member of stream ${stream.id}`, "NOT_A_MEMBER");
  }
  if (message.suppressedAt !== undefined)
    throw reject("The message was suppressed; its form is gone", "MESSAGE_SUPPRESSED");
  if (message.replacedBy !== undefined) {
    throw reject(
      `The message was replaced by ${message.replacedBy}; submit the form of the new version`,
      "MESSAGE_REPLACED",
    );
  }
  const form = readForms(message.presentationML).get(submission.formId);
  if (!form)
    throw reject(`Message ${message.messageId} has no form with id "${submission.formId}"`, "UNKNOWN_FORM");
  const button = form.buttons.get(submission.action);
  if (!button) {
    throw reject(`Form "${form.id}" has no action button named "${submission.action}"`, "UNKNOWN_BUTTON");
  }
  const submitted = message.submittedForms[form.id] ?? [];
  if (!form.multiSubmit && submitted.includes(person.id)) {
    throw reject(`Form "${form.id}" is disabled: ${person.username} already submitted it`, "FORM_DISABLED");
  }
  const formValues = buildFormValues(pod, form, submission, button.skipsValidation);
  message.submittedForms[form.id] = [...submitted, person.id];
  pod.changed({ kind: "message", message });
  const event = pod.events.create(
    "SYMPHONYELEMENTSACTION",
    person,
    {
      stream: { streamId: stream.id, streamType: stream.type },
      formMessageId: message.messageId,
      formId: form.id,
      formValues,
    },
    pod.ids.messageId(),
  );
  publishToStream(pod, event, stream);
  return event;
}

function buildFormValues(
  pod: Pod,
  form: FormDefinition,
  submission: FormSubmission,
  skipValidation: boolean,
): Record<string, unknown> {
  for (const key of Object.keys(submission.values)) {
    if (key === "action")
      throw reject('"action" is reserved for the button name; do not send it as a value', "UNKNOWN_FIELD");
    if (!form.fields.has(key)) throw reject(`Form "${form.id}" has no field named "${key}"`, "UNKNOWN_FIELD");
  }
  const formValues: Record<string, unknown> = { action: submission.action };
  for (const field of form.fields.values()) {
    const given = Object.hasOwn(submission.values, field.name) ? submission.values[field.name] : undefined;
    if (given !== undefined && field.locked) {
      throw reject(
        `Field "${field.name}" of form "${form.id}" is disabled or read-only; it keeps its value`,
        "INVALID_VALUE",
      );
    }
    const value = given === undefined ? defaultValue(field) : checkedValue(pod, form, field, given);
    if (!skipValidation) checkConstraints(form, field, value);
    if (value !== undefined) formValues[field.name] = value;
  }
  return formValues;
}

/** What the Symphony client enforces before it lets a person submit: required, lengths, pattern. */
function checkConstraints(form: FormDefinition, field: FormField, value: unknown): void {
  const where = `field "${field.name}" of form "${form.id}"`;
  const empty = value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
  if (field.required && empty) throw reject(`${where} is required`, "REQUIRED_FIELD");
  if (typeof value !== "string" || value === "") return;
  if (field.maxLength !== undefined && value.length > field.maxLength) {
    throw reject(`${where} takes at most ${field.maxLength} characters`, "INVALID_VALUE");
  }
  if (field.minLength !== undefined && value.length < field.minLength) {
    throw reject(`${where} takes at least ${field.minLength} characters`, "INVALID_VALUE");
  }
  const pattern = compilePattern(field.pattern);
  if (pattern && !pattern.test(value))
    throw reject(`${where} does not match ${field.pattern}`, "INVALID_VALUE");
}

/**
 * The pattern is a Java regex, matched against the whole value as Java's `matches()` does (see
 * `compileJavaRegex`). The rare pattern Java takes that has no JavaScript equivalent here (`\G`,
 * `\X`, Unicode blocks…) is not enforced.
 */
function compilePattern(pattern: string | undefined): RegExp | undefined {
  if (!pattern) return undefined;
  const compiled = compileJavaRegex(pattern);
  return compiled.kind === "ok" ? compiled.regex : undefined;
}

function defaultValue(field: FormField): unknown {
  switch (field.kind) {
    case "text":
      return field.initial;
    case "checkbox":
    case "radio": {
      const checked = field.options.filter((o) => o.checked).map((o) => o.value);
      if (checked.length === 0) return undefined;
      return checked.length === 1 ? checked[0] : checked;
    }
    case "select": {
      const selected = field.options.filter((o) => o.selected).map((o) => o.value);
      return field.multiple ? selected : (selected[0] ?? "");
    }
    case "person":
      return field.initial;
    case "room":
      return { userIds: [], streamIds: field.initial };
  }
}

function checkedValue(pod: Pod, form: FormDefinition, field: FormField, given: unknown): unknown {
  const where = `field "${field.name}" of form "${form.id}"`;
  switch (field.kind) {
    case "text":
      if (typeof given !== "string") throw reject(`${where} takes a string`, "INVALID_VALUE");
      // The client stops the typing there, so no person can send more, validated form or not.
      if (given.length > field.longest)
        throw reject(
          `${where} takes at most ${field.longest} characters; this value has ${given.length}`,
          "INVALID_VALUE",
        );
      return given;
    case "checkbox":
    case "radio":
    case "select": {
      // Nothing chosen: "" for a dropdown (as the client sends it), key absent for boxes and radios.
      if (given === null || given === false || (given === "" && field.kind === "select")) {
        return field.kind === "select" ? (field.multiple ? [] : "") : undefined;
      }
      const list = Array.isArray(given) ? given : [given];
      const allowed = new Set(field.options.map((o) => o.value));
      for (const v of list) {
        if (typeof v !== "string" || !allowed.has(v)) {
          throw reject(
            `${where} has no option ${JSON.stringify(v)}; options are ${[...allowed].join(", ")}`,
            "INVALID_VALUE",
          );
        }
      }
      const single = field.kind === "radio" || (field.kind === "select" && !field.multiple);
      if (single && list.length > 1) throw reject(`${where} takes one value`, "INVALID_VALUE");
      if (field.kind === "select") return field.multiple ? list : (list[0] ?? "");
      if (list.length === 0) return undefined;
      return list.length === 1 ? list[0] : list;
    }
    case "person": {
      if (!Array.isArray(given)) throw reject(`${where} takes an array of user ids`, "INVALID_VALUE");
      return given.map((v) => {
        const id = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
        if (typeof id !== "number" || !pod.store.users.has(id))
          throw reject(`${where}: unknown user ${JSON.stringify(v)}`, "INVALID_VALUE");
        return id;
      });
    }
    case "room": {
      if (!Array.isArray(given) || !given.every((v) => typeof v === "string" && pod.store.stream(v))) {
        throw reject(`${where} takes an array of existing stream ids`, "INVALID_VALUE");
      }
      return { userIds: [], streamIds: given };
    }
  }
}
