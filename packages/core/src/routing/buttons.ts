/**
 * The button registry: buttons belong to a work type and have ids their author chose, so a
 * press on a message sent months ago still finds its handler after any refactoring.
 */
import type { Restrictions } from "../access/restrictions.ts";
import { ErrorCode, SprigError } from "../errors/errors.ts";
import type { WorkMode } from "../responses/responses.ts";
import type { WorkType } from "../work/index.ts";

export type ShowWhen = WorkMode | "both";

export interface ButtonOptions extends Restrictions {
  /** The label. */
  readonly text: string;
  /** In which mode of the work type's form the button appears; "view" by default. */
  readonly showWhen?: ShowWhen;
  readonly style?: "primary" | "secondary" | "danger";
}

export interface Button<H = unknown> {
  readonly workType: WorkType<unknown>;
  readonly id: string;
  readonly options: ButtonOptions;
  readonly handler: H;
}

const BUTTON_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

export class ButtonRegistry<H = unknown> {
  readonly #byType = new Map<string, Button<H>[]>();

  add(workType: WorkType<unknown>, id: string, options: ButtonOptions, handler: H): Button<H> {
    if (!BUTTON_ID.test(id)) {
      throw new SprigError(
        ErrorCode.InvalidRegistration,
        `Button id "${id}" on "${workType.typeName}" is not usable: use 1-64 letters, digits, "-", "_", "." or ":".`,
      );
    }
    const list = this.#byType.get(workType.typeName) ?? [];
    if (list.some((b) => b.id === id)) {
      throw new SprigError(
        ErrorCode.InvalidRegistration,
        `Work type "${workType.typeName}" already has a button "${id}"; button ids must be unique per work type.`,
      );
    }
    const button: Button<H> = { workType, id, options, handler };
    list.push(button);
    this.#byType.set(workType.typeName, list);
    return button;
  }

  get(typeName: string, id: string): Button<H> | undefined {
    return this.#byType.get(typeName)?.find((b) => b.id === id);
  }

  /** Buttons of a work type shown in a mode, in registration order. */
  shownIn(typeName: string, mode: WorkMode): readonly Button<H>[] {
    return (this.#byType.get(typeName) ?? []).filter((b) => {
      const when = b.options.showWhen ?? "view";
      return when === "both" || when === mode;
    });
  }

  /** The work types that do have a button with this id (to explain a misdirected press). */
  typesWithButton(id: string): string[] {
    return [...this.#byType].filter(([, list]) => list.some((b) => b.id === id)).map(([type]) => type);
  }
}
