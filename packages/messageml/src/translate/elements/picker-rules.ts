/** person-selector, room-selector, date-selector, date-picker, time-picker, timezone-picker (reference §2.2). */
import {
  assertAttributeMaxLength,
  assertAttributeNotBlank,
  assertBooleanIfPresent,
  assertNoContent,
  parseJavaInt,
} from "../assertions.ts";
import { invalid } from "../invalid.ts";
import type { Element, Kind } from "../model.ts";
import { JsonValue, type OutAttributes } from "../printer.ts";
import type { BuildContext, ElementRules } from "../rule-types.ts";
import {
  isIsoDate,
  isLongList,
  isStringList,
  isTimeHHmmss,
  isValidJavaPattern,
  isValidTimeZone,
  jsonError,
  parseJson,
} from "../values.ts";
import type { XmlElement } from "../xml-tree.ts";
import { rejectAttribute } from "./common.ts";
import { fillSplittable, printSplittable, putIf, validateFormElement } from "./form-common.ts";

function requireName(el: Element): void {
  if (!el.attrs.has("name")) invalid('The attribute "name" is required');
}

/** PresentationML selectors carry `data-name`, `data-value`…: rename them back, then build as MessageML. */
function buildFromDataAttributes(renames: readonly string[]) {
  return (el: Element, x: XmlElement, ctx: BuildContext): void => {
    if (el.format === "PRESENTATIONML") {
      const kept = x.attributes.filter(
        ([name]) => !renames.includes(`data-${name}`) && !renames.includes(name),
      );
      const get = (name: string) => x.attributes.find(([n]) => n === name)?.[1];
      const renamed: [string, string][] = [];
      for (const data of renames) {
        const value = get(data);
        if (data === "data-name") renamed.push(["name", value ?? ""]);
        else if (value !== undefined) renamed.push([data.slice(5), value]);
      }
      x = { ...x, attributes: [...kept, ...renamed] };
    }
    ctx.buildAttributes(el, x);
    for (const c of x.children) ctx.buildNode(el, c);
    if (el.format === "PRESENTATIONML") RULES_BY_KIND[el.kind as "PersonSelector"].validate(el, ctx);
  };
}

const SELECTOR_RENAMES = [
  "data-name",
  "data-placeholder",
  "data-required",
  "data-value",
  "data-formnovalidate",
];

function selectorRules(className: string, validValue: (v: string) => boolean, what: string): ElementRules {
  return {
    attribute: (el, name, value, ctx) => {
      if (["name", "placeholder", "required", "label", "title", "value", "formnovalidate"].includes(name)) {
        el.attrs.set(name, value);
      } else if (name === "id" && el.format === "PRESENTATIONML") fillSplittable(el, value, ctx);
      else rejectAttribute(el, name);
    },
    buildAll: buildFromDataAttributes(SELECTOR_RENAMES),
    validate: (el) => {
      validateFormElement(el);
      requireName(el);
      assertBooleanIfPresent(el, "required");
      const value = el.attrs.get("value");
      if (value !== undefined && !validValue(value)) {
        invalid(`Attribute "value" contains an unsupported format, should be an array of ${what} ids`);
      }
      assertNoContent(el);
      assertAttributeNotBlank(el, "name");
    },
    print: (el, ctx) => {
      const attrs: OutAttributes = new Map([
        ["class", className],
        ["data-name", el.attrs.get("name") ?? ""],
      ]);
      putIf(attrs, el, "placeholder", "data-placeholder");
      putIf(attrs, el, "required", "data-required");
      putIf(attrs, el, "value", "data-value");
      putIf(attrs, el, "formnovalidate", "data-formnovalidate");
      printSplittable(el, ctx, className, attrs, (a) => {
        ctx.out.openElement("div", a);
        ctx.out.closeElement();
      });
    },
  };
}

const dateSelector: ElementRules = {
  attribute: (el, name, value) =>
    ["name", "placeholder", "required"].includes(name)
      ? el.attrs.set(name, value)
      : rejectAttribute(el, name),
  buildAll: buildFromDataAttributes(["data-name", "data-placeholder", "data-required"]),
  validate: (el) => {
    validateFormElement(el);
    assertAttributeNotBlank(el, "name");
    assertBooleanIfPresent(el, "required");
    assertNoContent(el);
  },
  print: (el, ctx) => {
    const attrs: OutAttributes = new Map([
      ["class", "date-selector"],
      ["data-name", el.attrs.get("name") ?? ""],
    ]);
    putIf(attrs, el, "placeholder", "data-placeholder");
    putIf(attrs, el, "required", "data-required");
    ctx.out.openElement("div", attrs);
    ctx.out.closeElement();
  },
};

type Interval = Record<string, unknown>;

/** Jackson reading `DateInterval[]` / `TimeInterval[]`: an array of objects with only the known fields. */
function readIntervals(attr: string, value: string, fields: readonly string[]): Interval[] {
  const fail = (message: string): never => invalid(`Error parsing json in attribute "${attr}": ${message}`);
  const syntax = jsonError(value);
  if (syntax !== undefined) fail(syntax);
  const parsed = parseJson(value);
  if (!Array.isArray(parsed)) fail("Cannot deserialize value: expected an array");
  const intervals = parsed as unknown[];
  for (const item of intervals) {
    if (typeof item !== "object" || item === null || Array.isArray(item))
      fail("Cannot deserialize value: expected an object");
    for (const key of Object.keys(item as object)) {
      if (!fields.includes(key)) fail(`Unrecognized field "${key}"`);
    }
  }
  return intervals as Interval[];
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null;
}

function dateIntervalType(i: Interval): string | undefined {
  const [day, from, to, days] = [present(i.day), present(i.from), present(i.to), present(i.daysOfWeek)];
  if (day && !from && !to && !days) return "date";
  if (from && to && !day && !days) return "range";
  if (days && !from && !to && !day) return "weekdays";
  return undefined;
}

function assertDate(v: unknown): void {
  if (!isIsoDate(String(v))) invalid(`"${String(v)}" is not a valid date in ISO_8601 format`);
}

function validateDateIntervals(el: Element, attr: string): void {
  const value = el.attrs.get(attr);
  if (value === undefined) return;
  if (value.length > 1024) invalid(`Attribute "${attr}" exceed maximum allowed length (1024)`);
  for (const i of readIntervals(attr, value, ["day", "from", "to", "daysOfWeek"])) {
    const type = dateIntervalType(i);
    if (type === "date") assertDate(i.day);
    else if (type === "range") {
      assertDate(i.from);
      assertDate(i.to);
    } else if (type === "weekdays") {
      const days = Array.isArray(i.daysOfWeek) ? i.daysOfWeek : [i.daysOfWeek];
      if (days.some((d) => Number(d) < 0 || Number(d) > 6)) invalid("'daysOfWeek' out of range [0-6]");
    } else invalid("Date interval 'type' is unknown or null");
  }
}

/** The PresentationML form of the intervals: a `type` first, then the fields that are set. */
function intervalsJson(
  value: string,
  typeOf: (i: Interval) => string | undefined,
  order: readonly string[],
): JsonValue {
  const out = (parseJson(value) as Interval[]).map((i) => {
    const o: Interval = {};
    const type = typeOf(i);
    if (type !== undefined) o.type = type;
    for (const k of order) if (present(i[k])) o[k] = i[k];
    return o;
  });
  return new JsonValue(JSON.stringify(out));
}

const DATE_PICKER_BOTH = new Set([
  "name",
  "value",
  "required",
  "placeholder",
  "min",
  "max",
  "label",
  "title",
  "disabled",
  "readonly",
]);
const DATE_PICKER_MML = new Set(["disabled-date", "highlighted-date", "format", "formnovalidate"]);
const DATE_PICKER_PML = new Set([
  "type",
  "id",
  "data-disabled-date",
  "data-highlighted-date",
  "data-format",
  "data-formnovalidate",
]);

/** Date and time pickers: MessageML-only and PresentationML-only attribute sets. */
function pickerAttribute(
  both: Set<string>,
  mmlOnly: Set<string>,
  pmlOnly: Set<string>,
): ElementRules["attribute"] {
  return (el, name, value, ctx) => {
    const mml = el.format === "MESSAGEML";
    if (both.has(name) || (mml && mmlOnly.has(name))) el.attrs.set(name, value);
    else if (!mml && pmlOnly.has(name)) {
      if (name === "id") fillSplittable(el, value, ctx);
      el.attrs.set(name, value);
    } else rejectAttribute(el, name);
  };
}

const datePicker: ElementRules = {
  attribute: pickerAttribute(DATE_PICKER_BOTH, DATE_PICKER_MML, DATE_PICKER_PML),
  validate: (el) => {
    validateFormElement(el);
    assertAttributeNotBlank(el, "name");
    assertAttributeMaxLength(el, "name", 64);
    for (const name of ["value", "min", "max"]) {
      const v = el.attrs.get(name);
      if (v !== undefined && !isIsoDate(v)) invalid(`Attribute "${name}" has invalid date format`);
      if (name === "value") assertBooleanIfPresent(el, "required");
    }
    assertBooleanIfPresent(el, "disabled");
    assertBooleanIfPresent(el, "readonly");
    validateDateIntervals(el, "disabled-date");
    validateDateIntervals(el, "highlighted-date");
    const format = el.attrs.get("format");
    if (format !== undefined) {
      assertAttributeMaxLength(el, "format", 64);
      if (!/^[0-9Mdy/. -:]+$/.test(format)) {
        invalid(
          `Attribute "format" contains an unsupported date format, only 'M', 'd' and 'y' are supported with a space or '.','-','/',':' as separator`,
        );
      }
      if (!isValidJavaPattern(format)) invalid('Attribute "format" contains an invalid date format');
    }
    assertAttributeMaxLength(el, "title", 64);
    assertAttributeMaxLength(el, "label", 64);
  },
  print: (el, ctx) => {
    const attrs: OutAttributes = new Map([
      ["type", "date"],
      ["name", el.attrs.get("name") ?? ""],
    ]);
    for (const name of ["value", "placeholder", "min", "max", "required"]) putIf(attrs, el, name);
    for (const name of ["disabled-date", "highlighted-date"]) {
      const v = el.attrs.get(name);
      if (v !== undefined)
        attrs.set(`data-${name}`, intervalsJson(v, dateIntervalType, ["day", "from", "to", "daysOfWeek"]));
    }
    putIf(attrs, el, "format", "data-format");
    putIf(attrs, el, "disabled");
    putIf(attrs, el, "readonly");
    for (const name of ["data-disabled-date", "data-highlighted-date", "data-format"]) putIf(attrs, el, name);
    putIf(attrs, el, "formnovalidate", "data-formnovalidate");
    putIf(attrs, el, "data-formnovalidate");
    printSplittable(el, ctx, "date-picker", attrs, (a) => {
      ctx.out.openElement("input", a);
      ctx.out.closeElement();
    });
  },
};

function timeIntervalType(i: Interval): string | undefined {
  if (present(i.time) && !present(i.from) && !present(i.to)) return "time";
  if (!present(i.time) && present(i.from) && present(i.to)) return "range";
  return undefined;
}

function assertTime(v: unknown): void {
  if (!isTimeHHmmss(String(v)))
    invalid(`"${String(v)}" is not a valid time, only HH:mm:ss format is allowed`);
}

const TIME_PICKER_BOTH = new Set([
  "name",
  "title",
  "label",
  "value",
  "strict",
  "required",
  "placeholder",
  "min",
  "max",
  "step",
  "disabled",
  "readonly",
  "formnovalidate",
]);
const TIME_PICKER_MML = new Set(["disabled-time", "format"]);
const TIME_PICKER_PML = new Set([
  "type",
  "id",
  "data-disabled-time",
  "data-strict",
  "data-format",
  "data-formnovalidate",
]);

const timePicker: ElementRules = {
  attribute: pickerAttribute(TIME_PICKER_BOTH, TIME_PICKER_MML, TIME_PICKER_PML),
  validate: (el) => {
    validateFormElement(el);
    assertAttributeNotBlank(el, "name");
    assertAttributeMaxLength(el, "name", 64);
    assertAttributeMaxLength(el, "placeholder", 64);
    const disabled = el.attrs.get("disabled-time");
    if (disabled !== undefined) {
      if (disabled.length > 1024) invalid('Attribute "disabled-time" exceed maximum allowed length (1024)');
      for (const i of readIntervals("disabled-time", disabled, ["time", "from", "to"])) {
        const type = timeIntervalType(i);
        if (type === "time") assertTime(i.time);
        else if (type === "range") {
          assertTime(i.from);
          assertTime(i.to);
        } else invalid("Time interval 'type' is unknown or null");
      }
    }
    const step = el.attrs.get("step");
    if (step !== undefined) {
      const n = parseJavaInt(step);
      if (n === undefined) invalid('Attribute "step" should be a number.');
      if (n < 600 || n > 43200) invalid('Attribute "step" must be less than "43200" and more than "600".');
    }
    assertAttributeMaxLength(el, "format", 64);
    const format = el.attrs.get("format");
    if (format !== undefined) {
      if (!/^[hHmsa: ]+$/.test(format)) {
        invalid(
          `Attribute "format" contains an unsupported time format, only 'h', 'm' 's' and 'a' are supported with ':' or space as separator`,
        );
      }
      if (!isValidJavaPattern(format)) invalid('Attribute "format" contains an invalid time format');
    }
    for (const name of ["min", "max", "value"]) {
      const v = el.attrs.get(name);
      if (v !== undefined && !isTimeHHmmss(v)) {
        invalid(`Attribute "${name}" has invalid time format, only HH:mm:ss format is allowed`);
      }
    }
    for (const name of ["required", "strict", "disabled", "readonly"]) assertBooleanIfPresent(el, name);
  },
  print: (el, ctx) => {
    const attrs: OutAttributes = new Map([
      ["type", "time"],
      ["name", el.attrs.get("name") ?? ""],
    ]);
    for (const name of ["value", "placeholder", "min", "max", "step"]) putIf(attrs, el, name);
    putIf(attrs, el, "format", "data-format");
    putIf(attrs, el, "strict", "data-strict");
    const disabled = el.attrs.get("disabled-time");
    if (disabled !== undefined)
      attrs.set("data-disabled-time", intervalsJson(disabled, timeIntervalType, ["time", "from", "to"]));
    putIf(attrs, el, "required");
    for (const name of ["data-format", "data-strict", "data-disabled-time", "disabled", "readonly"])
      putIf(attrs, el, name);
    putIf(attrs, el, "formnovalidate", "data-formnovalidate");
    putIf(attrs, el, "data-formnovalidate");
    printSplittable(el, ctx, "time-picker", attrs, (a) => ctx.out.printElement("input", a));
  },
};

const TIMEZONE_BOTH = new Set(["name", "value", "title", "label", "required", "placeholder"]);
const TIMEZONE_MML = new Set(["disabled-timezone", "formnovalidate"]);
const TIMEZONE_PML = new Set([
  "id",
  "data-value",
  "data-name",
  "data-required",
  "data-placeholder",
  "data-disabled-timezone",
  "data-formnovalidate",
]);

function timezoneList(attr: string, value: string): string[] {
  const list = parseJson(value);
  if (!Array.isArray(list) || list.some((v) => typeof v === "object" && v !== null)) {
    invalid(`Error parsing json in attribute "${attr}". It should contain an array of Strings`);
  }
  return (list as unknown[]).map((v) => String(v));
}

const timezonePicker: ElementRules = {
  attribute: pickerAttribute(TIMEZONE_BOTH, TIMEZONE_MML, TIMEZONE_PML),
  validate: (el) => {
    validateFormElement(el);
    assertAttributeNotBlank(el, el.format === "MESSAGEML" ? "name" : "data-name");
    assertBooleanIfPresent(el, "required");
    const value = el.attrs.get("value");
    if (value !== undefined && value !== "" && !isValidTimeZone(value)) {
      invalid(`Attribute "value" contains an invalid timezone: ${value}`);
    }
    assertAttributeMaxLength(el, "disabled-timezone", 1024);
    const disabled = el.attrs.get("disabled-timezone");
    if (disabled !== undefined) {
      for (const zone of timezoneList("disabled-timezone", disabled)) {
        if (!isValidTimeZone(zone))
          invalid(`Attribute "disabled-timezone" contains an invalid timezone: ${zone}`);
      }
    }
  },
  print: (el, ctx) => {
    const attrs: OutAttributes = new Map([["class", "timezone-picker"]]);
    putIf(attrs, el, "name", "data-name");
    putIf(attrs, el, "value", "data-value");
    putIf(attrs, el, "placeholder", "data-placeholder");
    const disabled = el.attrs.get("disabled-timezone");
    if (disabled !== undefined) {
      attrs.set(
        "data-disabled-timezone",
        new JsonValue(JSON.stringify(timezoneList("disabled-timezone", disabled))),
      );
    }
    putIf(attrs, el, "required", "data-required");
    for (const name of ["data-name", "data-value", "data-placeholder"]) putIf(attrs, el, name);
    const pmlDisabled = el.attrs.get("data-disabled-timezone");
    if (pmlDisabled !== undefined) {
      attrs.set(
        "data-disabled-timezone",
        new JsonValue(JSON.stringify(timezoneList("data-disabled-timezone", pmlDisabled))),
      );
    }
    putIf(attrs, el, "data-required");
    putIf(attrs, el, "formnovalidate", "data-formnovalidate");
    putIf(attrs, el, "data-formnovalidate");
    printSplittable(el, ctx, "timezone-picker", attrs, (a) => {
      ctx.out.openElement("div", a);
      ctx.out.closeElement();
    });
  },
};

const RULES_BY_KIND = {
  PersonSelector: selectorRules("person-selector", isLongList, "user"),
  RoomSelector: selectorRules("room-selector", (v) => isStringList(v, true), "room"),
  DateSelector: dateSelector,
  DatePicker: datePicker,
  TimePicker: timePicker,
  TimezonePicker: timezonePicker,
} satisfies Partial<Record<Kind, ElementRules>>;

export const PICKER_RULES = RULES_BY_KIND;
