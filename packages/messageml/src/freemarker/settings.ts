import { LOCALE_NUMBER_SYMBOLS } from "./locale-number-symbols.ts";
import { isNumber } from "./numbers.ts";
import { RuntimeFault, SyntaxFault } from "./template-error.ts";

/**
 * What `<#setting name=value>` may change (FreeMarker's PropertySetting.SETTING_NAMES, snake_case or
 * camelCase). Any other name, even one FreeMarker knows, is refused while parsing, at the name.
 */
const SETTABLE: Readonly<Record<string, string>> = {
  boolean_format: "boolean_format",
  booleanFormat: "boolean_format",
  classic_compatible: "classic_compatible",
  classicCompatible: "classic_compatible",
  date_format: "date_format",
  dateFormat: "date_format",
  datetime_format: "datetime_format",
  datetimeFormat: "datetime_format",
  locale: "locale",
  number_format: "number_format",
  numberFormat: "number_format",
  output_encoding: "output_encoding",
  outputEncoding: "output_encoding",
  sql_date_and_time_time_zone: "sql_date_and_time_time_zone",
  sqlDateAndTimeTimeZone: "sql_date_and_time_time_zone",
  time_format: "time_format",
  timeFormat: "time_format",
  time_zone: "time_zone",
  timeZone: "time_zone",
  url_escaping_charset: "url_escaping_charset",
  urlEscapingCharset: "url_escaping_charset",
};

export function settingName(name: string, at: number): string {
  const canonical = Object.hasOwn(SETTABLE, name) ? SETTABLE[name] : undefined;
  if (canonical === undefined) throw new SyntaxFault(at, `#setting can't change "${name}" from a template.`);
  return canonical;
}

/** A setting's value as FreeMarker's PropertySetting turns it into the text the setting parses. */
export function settingText(
  value: unknown,
  at: number,
  ctx: { toText(value: unknown, at: number): string },
): string {
  if (typeof value === "boolean") return String(value);
  if (isNumber(value)) return String(value);
  return ctx.toText(value, at);
}

/** The characters Java's DecimalFormat prints for a locale. */
export interface NumberSymbols {
  readonly decimal: string;
  readonly group: string;
  readonly minus: string;
  readonly percent: string;
  readonly zero: string;
}

export const ROOT_SYMBOLS: NumberSymbols = { decimal: ".", group: ",", minus: "-", percent: "%", zero: "0" };

/**
 * The settings of one run, as the agent starts them (MMU leaves FreeMarker's defaults: en_US,
 * number_format "number", boolean_format "true,false", no URL charset).
 */
export class TemplateSettings {
  locale = "en_US";
  numberFormat = "number";
  /** The texts for true and false, or undefined while boolean_format is "true,false" (`${bool}` fails). */
  booleanTexts: readonly [string, string] | undefined = undefined;
  urlEscapingCharset: string | undefined = undefined;
  outputEncoding: string | undefined = undefined;
  classicCompatible = false;
  numberSymbols: NumberSymbols = ROOT_SYMBOLS;

  /** Applies `<#setting>`; a value FreeMarker refuses fails at the directive. */
  set(name: string, value: string): void {
    switch (name) {
      case "locale":
        this.locale = value;
        this.numberSymbols = symbolsFor(value);
        return;
      case "number_format":
        this.numberFormat = value;
        return;
      case "boolean_format":
        this.booleanTexts = booleanTexts(value);
        return;
      case "url_escaping_charset":
        this.urlEscapingCharset = value;
        return;
      case "output_encoding":
        this.outputEncoding = value;
        return;
      case "classic_compatible":
        // Accepted as the agent accepts it; its legacy semantics are not reproduced (README).
        this.classicCompatible = value !== "false";
        return;
      default:
      // Date, time and time zone settings: sprig has no date values for them to change.
    }
  }

  /** `?url` without a charset uses url_escaping_charset, else output_encoding (FreeMarker's rule). */
  get urlCharset(): string | undefined {
    return this.urlEscapingCharset ?? this.outputEncoding;
  }
}

function booleanTexts(format: string): readonly [string, string] | undefined {
  if (format === "true,false") return undefined;
  if (format === "c") return ["true", "false"];
  const comma = format.indexOf(",");
  if (comma < 0) throw new RuntimeFault(undefined, 'boolean_format must be "yes,no"-like or "c".');
  return [format.slice(0, comma), format.slice(comma + 1)];
}

/** Java's locale fallback: language_COUNTRY, then the language, then the root locale. */
function symbolsFor(locale: string): NumberSymbols {
  const [language = "", country = ""] = locale.split("_");
  const key = country === "" ? language.toLowerCase() : `${language.toLowerCase()}_${country.toUpperCase()}`;
  const entry = LOCALE_NUMBER_SYMBOLS[key] ?? LOCALE_NUMBER_SYMBOLS[language.toLowerCase()];
  if (entry === undefined) return ROOT_SYMBOLS;
  const [decimal = ".", group = ",", minus = "-", percent = "%", zero = "0"] = [...entry];
  return { decimal, group, minus, percent, zero };
}
