/** Builders for Symphony Elements (forms, inputs, dialogs, ui-action), attributes typed (reference §2). */
import { dashed } from "./args.ts";
import { type Attributes, element, elementWithEndTag } from "./element.ts";
import type { MessageMLFragment } from "./fragment.ts";
import type { MessageMLChild } from "./template.ts";

interface Styled {
  class?: string;
  style?: string;
}

interface Labelled {
  label?: string;
  /** Tooltip shown next to the label. */
  title?: string;
}

interface Input extends Labelled {
  name: string;
  required?: boolean;
  disabled?: boolean;
  readonly?: boolean;
}

function build(tag: string, options: object, ...children: MessageMLChild[]): MessageMLFragment {
  return element(tag, dashed(options) as Attributes, ...children);
}

export interface FormAttributes extends Styled {
  id: string;
  multiSubmit?: "reset" | "no-reset";
}

export function form(attributes: FormAttributes, ...children: MessageMLChild[]): MessageMLFragment {
  return build("form", attributes, ...children);
}

export type ButtonClass =
  | "primary"
  | "secondary"
  | "tertiary"
  | "destructive"
  | "primary-link"
  | "destructive-link";

export interface ButtonAttributes {
  /** Required for action and cancel buttons; becomes `formValues.action`. */
  name?: string;
  type?: "action" | "reset" | "cancel";
  class?: ButtonClass;
  icon?: string;
  title?: string;
  formnovalidate?: boolean;
}

export function button(attributes: ButtonAttributes, label: MessageMLChild): MessageMLFragment {
  return build("button", attributes, label);
}

interface TextInput extends Input {
  placeholder?: string;
  minlength?: number;
  maxlength?: number;
  pattern?: string;
  patternErrorMessage?: string;
  autoSubmit?: boolean;
  /** Initial value (the element's text). */
  value?: string;
}

export interface TextFieldAttributes extends TextInput {
  masked?: boolean;
}

export function textField({ value, ...attributes }: TextFieldAttributes): MessageMLFragment {
  return build("text-field", attributes, value);
}

export interface TextareaAttributes extends TextInput {
  rows?: number;
  cols?: number;
}

export function textarea({ value, ...attributes }: TextareaAttributes): MessageMLFragment {
  return element("textarea", dashed(attributes) as Attributes, value);
}

export function richtextarea({ value, ...attributes }: TextareaAttributes): MessageMLFragment {
  return elementWithEndTag("richtextarea", dashed(attributes) as Attributes, value);
}

export interface ChoiceAttributes extends Styled {
  name: string;
  value?: string;
  checked?: boolean;
  disabled?: boolean;
  readonly?: boolean;
}

export function checkbox(attributes: ChoiceAttributes, ...label: MessageMLChild[]): MessageMLFragment {
  return build("checkbox", attributes, ...label);
}

export function radio(attributes: ChoiceAttributes, ...label: MessageMLChild[]): MessageMLFragment {
  return build("radio", attributes, ...label);
}

export interface SelectAttributes extends Input, Styled {
  placeholder?: string;
  multiple?: boolean;
  min?: number;
  max?: number;
  autoSubmit?: boolean;
}

export function select(
  { placeholder, ...attributes }: SelectAttributes,
  ...options: MessageMLChild[]
): MessageMLFragment {
  return element(
    "select",
    { ...dashed(attributes), "data-placeholder": placeholder } as Attributes,
    ...options,
  );
}

export function option(
  attributes: { value: string; selected?: boolean },
  label: MessageMLChild,
): MessageMLFragment {
  return build("option", attributes, label);
}

export interface PersonSelectorAttributes extends Input {
  placeholder?: string;
  /** Pre-selected user ids. */
  value?: readonly (number | bigint | string)[];
}

function idList(ids: readonly (number | bigint | string)[] | undefined): string | undefined {
  return ids === undefined ? undefined : `[${ids.map((id) => String(id)).join(",")}]`;
}

export function personSelector({ value, ...attributes }: PersonSelectorAttributes): MessageMLFragment {
  return element("person-selector", { ...dashed(attributes), value: idList(value) } as Attributes);
}

export interface RoomSelectorAttributes extends Input {
  placeholder?: string;
  /** Pre-selected stream ids. */
  value?: readonly string[];
}

export function roomSelector(attributes: RoomSelectorAttributes): MessageMLFragment {
  return build("room-selector", attributes);
}

export type DateRule =
  | { day: string }
  | { from: string; to: string }
  | { daysOfWeek: readonly (0 | 1 | 2 | 3 | 4 | 5 | 6)[] };

export interface DatePickerAttributes extends Input {
  /** `yyyy-MM-dd`. */
  value?: string;
  min?: string;
  max?: string;
  placeholder?: string;
  disabledDate?: readonly DateRule[];
  highlightedDate?: readonly DateRule[];
  /** Display format, e.g. `dd/MM/yyyy`. */
  format?: string;
}

export function datePicker(attributes: DatePickerAttributes): MessageMLFragment {
  return build("date-picker", attributes);
}

export type TimeRule = { time: string } | { from: string; to: string };

export interface TimePickerAttributes extends Input {
  /** `HH:mm:ss`. */
  value?: string;
  min?: string;
  max?: string;
  placeholder?: string;
  /** Seconds, 600..43200. */
  step?: number;
  strict?: boolean;
  format?: string;
  disabledTime?: readonly TimeRule[];
}

export function timePicker(attributes: TimePickerAttributes): MessageMLFragment {
  return build("time-picker", attributes);
}

export interface TimezonePickerAttributes extends Input {
  /** IANA zone id; `""` for none; absent for the reader's zone. */
  value?: string;
  placeholder?: string;
  disabledTimezone?: readonly string[];
}

export function timezonePicker(attributes: TimezonePickerAttributes): MessageMLFragment {
  return build("timezone-picker", attributes);
}

export interface UIActionAttributes {
  action: "open-im" | "open-dialog";
  trigger?: "click";
  userIds?: readonly (number | bigint | string)[];
  streamId?: string;
  sideBySide?: boolean;
  targetId?: string;
}

export function uiAction(
  { userIds, ...attributes }: UIActionAttributes,
  ...children: MessageMLChild[]
): MessageMLFragment {
  return element(
    "ui-action",
    { ...dashed(attributes), "user-ids": idList(userIds) } as Attributes,
    ...children,
  );
}

export interface DialogAttributes {
  id: string;
  width?: "small" | "medium" | "large" | "full-width";
  state?: "open" | "close";
}

export interface DialogParts {
  title: MessageMLChild;
  body: MessageMLChild;
  footer?: MessageMLChild;
}

export function dialog(attributes: DialogAttributes, parts: DialogParts): MessageMLFragment {
  return build(
    "dialog",
    attributes,
    element("title", undefined, parts.title),
    element("body", undefined, parts.body),
    parts.footer !== undefined && element("footer", undefined, parts.footer),
  );
}
