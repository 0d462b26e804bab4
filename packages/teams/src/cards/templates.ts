/**
 * Custom cards by template name: `<dir>/<name>.json`, written in the Adaptive Card Templating
 * language and expanded with `adaptivecards-templating` against `{ form, errors, buttons,
 * formData }` (`${form.title}`, `"$data": "${buttons}"` …). A template must declare a card version
 * Teams renders (≤ 1.5); a missing or broken template is a coded error naming the file.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { SprigError } from "@sprig/core";
import { type AdaptiveCard, CARD_VERSION } from "./card-json.ts";

/**
 * Loaded by `require` with its one class typed here: the package's own typings pull in the
 * `adaptivecards` TypeScript sources, which do not compile under this repository's settings.
 */
const ACData = createRequire(import.meta.url)("adaptivecards-templating") as {
  Template: new (payload: unknown) => { expand(context: { $root: unknown }): unknown };
};

export const TEMPLATE_ERROR = "teams.template";
const NAME = /^[A-Za-z0-9][\w.-]{0,99}$/;

export class CardTemplates {
  readonly dir: string;
  readonly #cache = new Map<string, unknown>();

  constructor(dir: string) {
    this.dir = dir;
  }

  render(name: string, data: Readonly<Record<string, unknown>>): AdaptiveCard {
    const expanded = new ACData.Template(this.#load(name)).expand({ $root: data }) as AdaptiveCard;
    if (expanded?.type !== "AdaptiveCard" || !versionAtMost(expanded.version, CARD_VERSION)) {
      throw new SprigError(
        TEMPLATE_ERROR,
        `Template ${this.#path(name)} must be an AdaptiveCard of version ${CARD_VERSION} or lower (Teams renders no newer card).`,
      );
    }
    return expanded;
  }

  #path(name: string): string {
    return join(this.dir, `${name}.json`);
  }

  #load(name: string): unknown {
    if (!NAME.test(name)) throw new SprigError(TEMPLATE_ERROR, `"${name}" is not a template name.`);
    let template = this.#cache.get(name);
    if (template === undefined) {
      try {
        template = JSON.parse(readFileSync(this.#path(name), "utf8"));
      } catch (error) {
        throw new SprigError(
          TEMPLATE_ERROR,
          `Cannot read the Teams card template ${this.#path(name)}: ${(error as Error).message}`,
          { cause: error },
        );
      }
      this.#cache.set(name, template);
    }
    return template;
  }
}

function versionAtMost(version: unknown, max: string): boolean {
  if (typeof version !== "string") return false;
  const [a = 0, b = 0] = version.split(".").map(Number);
  const [c = 0, d = 0] = max.split(".").map(Number);
  return a < c || (a === c && b <= d);
}
