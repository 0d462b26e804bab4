// Symphony Elements: the forms, controls, dialogs and ui-actions of a message, made interactive.
// Controls are built new from the PresentationML attributes (never copied markup). Each control
// registers in its form: how to read its value the way the Symphony client sends it, and the checks
// the client makes before it lets a person submit.
import { h, uniqueId } from "./dom.js";
import { compileJavaRegex } from "./java-regex.js";
import { renderChildren } from "./presentation.js";
import { attachSuggestions } from "./suggest.js";

const GROUP_CLASSES = [
  "textfield-group",
  "textarea-group",
  "dropdown-group",
  "person-selector-group",
  "room-selector-group",
  "date-picker-group",
  "time-picker-group",
  "timezone-picker-group",
];
const BUTTON_STYLES = new Set([
  "primary",
  "secondary",
  "tertiary",
  "destructive",
  "primary-link",
  "destructive-link",
]);

/** The Elements builder the PresentationML renderer calls. `context.submitForm(formId, action, values)` sends. */
export const elements = { form, control, dialog, uiAction };

const flag = (el, name) => {
  const value = el.getAttribute(name);
  return value !== null && value !== "false";
};
const intAttr = (el, name) => {
  const value = el.getAttribute(name);
  return value !== null && /^\d+$/.test(value) ? Number(value) : undefined;
};
function jsonAttr(el, name) {
  const raw = el.getAttribute(name);
  if (!raw) return [];
  try {
    const parsed = JSON.parse(raw.replace(/'/g, '"'));
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------- form

function form(el, context) {
  const formId = el.getAttribute("id") ?? "";
  const multiSubmit = el.getAttribute("data-multi-submit"); // "reset", "no-reset" or null
  const fieldset = h("fieldset", { className: "form-body" });
  const status = h("p", { className: "form-status", role: "status" });
  const formElement = h(
    "form",
    { className: "elements-form", novalidate: true, "data-form-id": formId },
    fieldset,
    status,
  );
  const state = { fields: [], formElement };
  renderChildren(el, fieldset, { ...context, form: state });

  const submitted = context.message?.submittedForms?.[formId] ?? [];
  const lock = (text) => {
    fieldset.disabled = true;
    formElement.classList.add("submitted");
    status.textContent = text;
  };
  if (!multiSubmit && submitted.includes(context.me)) lock("You submitted this form.");

  formElement.addEventListener("reset", () => {
    for (const field of state.fields) field.reset?.();
    clearErrors(state);
  });
  formElement.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = event.submitter;
    if (!button?.dataset.action) return;
    clearErrors(state);
    if (!button.hasAttribute("data-formnovalidate")) {
      const invalid = state.fields.filter((field) => !field.locked && showError(field, field.check?.()));
      if (invalid.length > 0) {
        status.textContent =
          invalid.length === 1
            ? "Check the highlighted field."
            : `Check the ${invalid.length} highlighted fields.`;
        invalid[0].focusTarget.focus();
        return;
      }
    }
    const values = collectValues(state.fields);
    fieldset.disabled = true;
    status.textContent = "Sending…";
    try {
      await context.submitForm(formId, button.dataset.action, values);
      button.closest("dialog")?.close();
      if (multiSubmit) {
        fieldset.disabled = false;
        if (multiSubmit === "reset") formElement.reset();
        status.textContent = "Sent.";
      } else {
        lock("Sent. This form is now read-only.");
      }
    } catch (error) {
      fieldset.disabled = false;
      status.textContent = `Not sent: ${error.message}`;
    }
  });
  return formElement;
}

function clearErrors(state) {
  for (const field of state.fields) showError(field, null);
}

/** Shows (or clears) a field's message right under it; true when there is one. */
function showError(field, message) {
  field.error.textContent = message ?? "";
  field.error.hidden = !message;
  if (message) field.focusTarget.setAttribute("aria-invalid", "true");
  else field.focusTarget.removeAttribute("aria-invalid");
  return Boolean(message);
}

/** `{name: value}` as the client sends it: unchecked boxes absent, one checked box a string, locked fields left to their message. */
function collectValues(fields) {
  const values = {};
  const boxes = new Map();
  for (const field of fields) {
    if (field.locked) continue;
    const value = field.value();
    if (field.kind === "checkbox" || field.kind === "radio") {
      if (value !== undefined) boxes.set(field.name, [...(boxes.get(field.name) ?? []), value]);
      continue;
    }
    values[field.name] = value;
  }
  for (const [name, checked] of boxes) values[name] = checked.length === 1 ? checked[0] : checked;
  return values;
}

// ------------------------------------------------------------------------------------------ controls

/** A form control (or its labelled group); undefined when `el` is not one. */
function control(el, context) {
  const tag = el.localName;
  const classes = el.classList;
  if (tag === "div" && GROUP_CLASSES.some((c) => classes.contains(c))) return labelledGroup(el, context);
  if (tag === "div" && (classes.contains("checkbox-group") || classes.contains("radio-group"))) {
    const input = el.querySelector("input");
    const label = el.querySelector("label");
    return input ? choice(input, label, context) : null;
  }
  if (tag === "span" && classes.contains("info-hint")) return null; // read by its group
  if (tag === "input" || tag === "textarea" || tag === "select" || isPicker(el))
    return field(el, context, {});
  if (tag === "button") return button(el);
  if (tag === "label") return renderChildren(el, h("span", { className: "loose-label" }), context);
  return undefined;
}

const isPicker = (el) =>
  el.localName === "div" &&
  ["person-selector", "room-selector", "timezone-picker", "date-selector"].some((c) =>
    el.classList.contains(c),
  );

/** `<div class="K-group"><label/><span class="info-hint"/>control</div>` → one field with its label and hint. */
function labelledGroup(el, context) {
  const label = el.querySelector(":scope > label")?.textContent?.trim();
  const hint = el.querySelector(":scope > span.info-hint")?.getAttribute("data-title") ?? undefined;
  const inner = [...el.children].find((c) => c.localName !== "label" && !c.classList.contains("info-hint"));
  if (!inner) return null;
  if (inner.localName === "input" && (inner.type === "checkbox" || inner.type === "radio"))
    return choice(inner, null, context);
  return field(inner, context, { label, hint });
}

/**
 * One labelled field: label (or, without one, the placeholder or name as its accessible name), hint,
 * the control, and the place its error message appears.
 */
function field(el, context, { label, hint }) {
  const id = uniqueId("field");
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const name = el.getAttribute("name") ?? el.getAttribute("data-name") ?? "";
  const placeholder = el.getAttribute("placeholder") ?? el.getAttribute("data-placeholder") ?? undefined;
  const built = buildControl(el, context, { id, placeholder, name, label });
  const error = h("p", { id: errorId, className: "field-error", hidden: true });
  const described = [hint ? hintId : null, errorId].filter(Boolean).join(" ");
  built.focusTarget.setAttribute("aria-describedby", described);
  if (!label) built.focusTarget.setAttribute("aria-label", placeholder ?? name);
  const wrapper = h(
    "div",
    { className: `field field-${built.kind}` },
    label || hint
      ? h(
          "div",
          { className: "field-label" },
          label ? h("label", { for: built.focusTarget.id }, label) : null,
          hint
            ? h(
                "span",
                {
                  id: hintId,
                  className: "info-hint",
                  title: hint,
                  role: "note",
                  "aria-label": hint,
                  tabindex: "0",
                },
                "i",
              )
            : null,
        )
      : null,
    built.element,
    error,
  );
  context.form.fields.push({ ...built, name, error });
  return wrapper;
}

function buildControl(el, context, { id, placeholder, name, label }) {
  const locked = flag(el, "disabled") || flag(el, "readonly");
  const required = flag(el, "required") || flag(el, "data-required");
  const tag = el.localName;
  const classes = el.classList;
  if (tag === "textarea" || (tag === "input" && (el.type === "text" || !el.getAttribute("type"))))
    return textControl(el, { id, placeholder, name, locked, required });
  if (tag === "input" && (el.type === "date" || el.type === "time"))
    return dateTimeControl(el, { id, placeholder, name, locked, required });
  if (tag === "select") return selectControl(el, { id, name, placeholder, locked, required });
  if (classes.contains("date-selector"))
    return dateTimeControl(el, { id, placeholder, name, locked, required, type: "date" });
  if (classes.contains("timezone-picker"))
    return timezoneControl(el, { id, name, placeholder, locked, required });
  return pickerControl(el, context, {
    id,
    name,
    placeholder,
    locked,
    required,
    label,
    kind: classes.contains("room-selector") ? "room" : "person",
  });
}

const requiredMessage = "This field is required.";

function textControl(el, { id, placeholder, name, locked, required }) {
  const multiline = el.localName === "textarea";
  const masked = flag(el, "data-masked");
  const minLength = intAttr(el, "minlength");
  const maxLength = intAttr(el, "maxlength") ?? (multiline ? 10_000 : 128);
  const pattern = el.getAttribute("pattern");
  const patternMessage =
    el.getAttribute("data-pattern-error-message") ?? "The value does not have the expected format.";
  const initial = multiline ? (el.textContent ?? "") : (el.getAttribute("value") ?? "");
  const attributes = {
    id,
    name,
    placeholder,
    maxlength: maxLength,
    disabled: flag(el, "disabled"),
    readonly: flag(el, "readonly"),
    required,
    "aria-required": required ? "true" : null,
    autocomplete: "off",
  };
  const input = multiline
    ? h("textarea", { ...attributes, rows: intAttr(el, "rows") ?? 3 }, initial)
    : h("input", { ...attributes, type: masked ? "password" : "text", value: initial });
  let element = input;
  if (masked) {
    const toggle = h(
      "button",
      { type: "button", className: "btn btn-secondary reveal", "aria-pressed": "false" },
      "Show",
    );
    toggle.addEventListener("click", () => {
      const shown = input.type === "text";
      input.type = shown ? "password" : "text";
      toggle.textContent = shown ? "Show" : "Hide";
      toggle.setAttribute("aria-pressed", String(!shown));
    });
    element = h("div", { className: "masked" }, input, toggle);
  }
  return {
    kind: "text",
    element,
    focusTarget: input,
    locked,
    value: () => input.value,
    check: () => {
      const value = input.value;
      if (value === "") return required ? requiredMessage : null;
      if (minLength !== undefined && value.length < minLength)
        return `Enter at least ${minLength} characters.`;
      if (value.length > maxLength) return `Enter at most ${maxLength} characters.`;
      if (pattern) return patternProblem(pattern, value, patternMessage);
      return null;
    },
  };
}

/**
 * The pattern is a Java regex, matched against the whole value as Java's `matches()` does, read by
 * @sprig/messageml's own translation (served as ./java-regex.js): `(?i)`, possessive quantifiers and
 * Java's classes work; a pattern Java refuses blocks the submit with Java's reason; the rare one
 * Java takes with no JavaScript equivalent is not enforced (nor is it by the emulator).
 */
function patternProblem(pattern, value, message) {
  const compiled = compileJavaRegex(pattern);
  if (compiled.kind === "refused")
    return `This field's pattern is not a valid Java regex (${compiled.reason}): the form cannot be sent.`;
  if (compiled.kind === "untranslatable") return null;
  return compiled.regex.test(value) ? null : message;
}

function dateTimeControl(el, { id, placeholder, name, locked, required, type = el.type }) {
  const min = el.getAttribute("min") ?? undefined;
  const max = el.getAttribute("max") ?? undefined;
  const step = type === "time" ? String(intAttr(el, "step") ?? 1) : undefined;
  const input = h("input", {
    type,
    id,
    name,
    min,
    max,
    step,
    disabled: flag(el, "disabled"),
    readonly: flag(el, "readonly"),
    required,
    "aria-required": required ? "true" : null,
    value: el.getAttribute("value") ?? el.getAttribute("data-value") ?? undefined,
    "aria-placeholder": placeholder,
  });
  const disabledRules = jsonAttr(el, type === "date" ? "data-disabled-date" : "data-disabled-time");
  // Time inputs give "HH:mm" when the seconds are zero; the client sends "HH:mm:ss".
  const value = () =>
    type === "time" && /^\d\d:\d\d$/.test(input.value) ? `${input.value}:00` : input.value;
  return {
    kind: type,
    element: input,
    focusTarget: input,
    locked,
    value,
    check: () => {
      const v = value();
      if (v === "")
        return required ? requiredMessage : input.validity.badInput ? "Enter a complete value." : null;
      if (min && v < min)
        return type === "date" ? `Choose a date on or after ${min}.` : `Choose a time at or after ${min}.`;
      if (max && v > max)
        return type === "date" ? `Choose a date on or before ${max}.` : `Choose a time at or before ${max}.`;
      if (isDisabledValue(disabledRules, v, type))
        return type === "date" ? "This date is not available." : "This time is not available.";
      return null;
    },
  };
}

function isDisabledValue(rules, value, type) {
  return rules.some((rule) => {
    if (!rule || typeof rule !== "object") return false;
    if (rule.from && rule.to) return value >= rule.from && value <= rule.to;
    if (type === "date" && rule.day) return value === rule.day;
    if (type === "time" && rule.time) return value === rule.time;
    if (type === "date" && Array.isArray(rule.daysOfWeek))
      return rule.daysOfWeek.includes(new Date(`${value}T00:00:00Z`).getUTCDay());
    return false;
  });
}

function selectControl(el, { id, name, placeholder, locked, required }) {
  const multiple = flag(el, "multiple");
  const min = intAttr(el, "data-min");
  const max = intAttr(el, "data-max");
  const options = [...el.querySelectorAll("option")];
  const select = h("select", {
    id,
    name,
    multiple,
    disabled: locked,
    required,
    "aria-required": required ? "true" : null,
    size: multiple ? Math.min(Math.max(options.length, 2), 6) : undefined,
  });
  const anySelected = options.some((o) => flag(o, "selected"));
  if (!multiple && !anySelected)
    select.append(h("option", { value: "", selected: true }, placeholder ?? "Choose…"));
  for (const option of options) {
    const node = h(
      "option",
      { value: option.getAttribute("value") ?? option.textContent },
      option.textContent ?? "",
    );
    node.defaultSelected = flag(option, "selected");
    select.append(node);
  }
  const chosen = () => [...select.selectedOptions].map((o) => o.value).filter((v) => v !== "");
  return {
    kind: "select",
    element: select,
    focusTarget: select,
    locked,
    value: () => (multiple ? chosen() : (chosen()[0] ?? "")),
    check: () => {
      const count = chosen().length;
      if (count === 0 && required) return requiredMessage;
      if (multiple && min !== undefined && count < min && (count > 0 || required))
        return `Choose at least ${min} options.`;
      if (multiple && max !== undefined && count > max) return `Choose at most ${max} options.`;
      return null;
    },
  };
}

function timezoneControl(el, { id, name, placeholder, locked, required }) {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["UTC"];
  const initialRaw = el.getAttribute("data-value");
  const initial = initialRaw ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const disabled = new Set(jsonAttr(el, "data-disabled-timezone").map(String));
  const select = h("select", {
    id,
    name,
    disabled: locked,
    required,
    "aria-required": required ? "true" : null,
  });
  select.append(h("option", { value: "" }, placeholder ?? "Choose a time zone"));
  for (const zone of new Set([...zones, ...(initial ? [initial] : [])])) {
    const option = h("option", { value: zone, disabled: disabled.has(zone) }, zone.replace(/_/g, " "));
    option.defaultSelected = zone === initial;
    select.append(option);
  }
  return {
    kind: "timezone",
    element: select,
    focusTarget: select,
    locked,
    value: () => select.value,
    check: () => (select.value === "" && required ? requiredMessage : null),
  };
}

/** person-selector and room-selector: a search box with suggestions; the chosen ones as removable chips. */
function pickerControl(el, context, { id, name, placeholder, locked, required, kind, label }) {
  const candidates = () =>
    kind === "person"
      ? [...(context.people?.values() ?? [])].map((p) => ({
          key: p.id,
          label: p.displayName,
          detail: `@${p.username}`,
        }))
      : (context.rooms?.() ?? []).map((r) => ({ key: r.id, label: r.name, detail: "room" }));
  const initialKeys = jsonAttr(el, "data-value").map((v) => (kind === "person" ? Number(v) : String(v)));
  let chosen = [...initialKeys];
  const input = h("input", {
    type: "text",
    id,
    placeholder: placeholder ?? (kind === "person" ? "Search people" : "Search rooms"),
    autocomplete: "off",
    disabled: locked,
    "aria-required": required ? "true" : null,
  });
  const chips = h("ul", { className: "chips", "aria-label": `${label ?? placeholder ?? name}: chosen` });
  const labelOf = (key) => candidates().find((c) => c.key === key)?.label ?? String(key);
  const draw = () => {
    chips.replaceChildren(
      ...chosen.map((key) =>
        h(
          "li",
          { className: "chip" },
          labelOf(key),
          h(
            "button",
            {
              type: "button",
              className: "chip-remove",
              "aria-label": `Remove ${labelOf(key)}`,
              onclick: () => {
                chosen = chosen.filter((k) => k !== key);
                draw();
                input.focus();
              },
            },
            "×",
          ),
        ),
      ),
    );
  };
  const suggestions = attachSuggestions(input, {
    combobox: true,
    find: () => {
      const query = input.value.trim().toLowerCase();
      return candidates()
        .filter((c) => !chosen.includes(c.key))
        .filter(
          (c) =>
            !query || c.label.toLowerCase().includes(query) || String(c.detail).toLowerCase().includes(query),
        )
        .slice(0, 8);
    },
    pick: (item) => {
      chosen.push(item.key);
      input.value = "";
      draw();
    },
  });
  draw();
  return {
    kind,
    focusTarget: input,
    locked,
    element: h(
      "div",
      { className: "picker" },
      chips,
      h("div", { className: "picker-search" }, input, suggestions.list),
    ),
    value: () => [...chosen],
    reset: () => {
      chosen = [...initialKeys];
      draw();
    },
    check: () => (required && chosen.length === 0 ? requiredMessage : null),
  };
}

/** A checkbox or radio with its label (text, bold, italic); several of one name make one value. */
function choice(input, labelElement, context) {
  const type = input.type === "radio" ? "radio" : "checkbox";
  const id = uniqueId(type);
  const name = input.getAttribute("name") ?? "";
  const value = input.getAttribute("value") ?? "on";
  const locked = flag(input, "disabled") || flag(input, "readonly");
  const box = h("input", { type, id, name, value, disabled: locked });
  box.defaultChecked = flag(input, "checked");
  const text = labelElement ? renderChildren(labelElement, h("span"), context) : h("span", {}, value);
  const error = h("p", { className: "field-error", hidden: true });
  context.form.fields.push({
    kind: type,
    name,
    locked,
    focusTarget: box,
    error,
    value: () => (box.checked ? value : undefined),
  });
  return h("div", { className: `choice choice-${type}` }, h("label", { for: id }, box, text));
}

function button(el) {
  const type = el.getAttribute("type") ?? "action";
  const text = el.textContent?.trim() || el.getAttribute("name") || "Submit";
  const style = (el.getAttribute("class") ?? "")
    .split(/\s+/)
    .find((c) => BUTTON_STYLES.has(c.replace(/-destructive$/, "")));
  const className = `btn btn-${style ?? (type === "action" ? "primary" : "secondary")}`;
  const title = el.getAttribute("data-title") ?? undefined;
  if (type === "reset") return h("button", { type: "reset", className, title }, text);
  if (type === "cancel") {
    return h(
      "button",
      { type: "button", className, title, onclick: (e) => e.currentTarget.closest("dialog")?.close() },
      text,
    );
  }
  return h(
    "button",
    {
      type: "submit",
      className,
      title,
      "data-action": el.getAttribute("name") ?? "",
      "data-formnovalidate": flag(el, "data-formnovalidate") || flag(el, "formnovalidate"),
    },
    text,
  );
}

// ------------------------------------------------------------------------------- dialogs, ui-actions

function dialog(el, context) {
  const titleId = uniqueId("dialog-title");
  const width = ["small", "medium", "large", "full-width"].includes(el.getAttribute("data-width"))
    ? el.getAttribute("data-width")
    : "medium";
  const box = h("dialog", { className: `elements-dialog width-${width}`, "aria-labelledby": titleId });
  const close = h(
    "button",
    { type: "button", className: "dialog-close", "aria-label": "Close dialog", onclick: () => box.close() },
    "×",
  );
  box.append(close);
  renderChildren(el, box, context);
  const title = box.querySelector(".dialog-title");
  if (title) title.id = titleId;
  context.dialogs.set(el.getAttribute("id"), box);
  // A dialog sent open shows in its message, not over the page.
  if (el.getAttribute("data-state") === "open") box.setAttribute("open", "");
  return box;
}

/** Buttons that open a dialog of this message, or a chat with people or a stream. */
function uiAction(el, context) {
  const action = el.getAttribute("data-action");
  const target = el.getAttribute("data-target-id");
  const userIds = jsonAttr(el, "data-user-ids").map(Number).filter(Number.isSafeInteger);
  const streamId = el.getAttribute("data-stream-id");
  const wrapper = h("div", { className: "ui-action" });
  for (const child of el.querySelectorAll("button")) {
    const style = (child.getAttribute("class") ?? "").split(/\s+/).find((c) => BUTTON_STYLES.has(c));
    wrapper.append(
      h(
        "button",
        {
          type: "button",
          className: `btn btn-${style ?? "secondary"}`,
          onclick: () => {
            if (action === "open-dialog") context.dialogs.get(target)?.showModal();
            else if (action === "open-im") context.openChat?.({ userIds, streamId });
          },
        },
        child.textContent?.trim() ?? "",
      ),
    );
  }
  return wrapper;
}
