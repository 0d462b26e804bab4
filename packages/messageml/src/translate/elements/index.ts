/** Every element kind's rules, in one table. */
import type { Kind } from "../model.ts";
import type { ElementRules } from "../rule-types.ts";
import { CARD_RULES } from "./card-rules.ts";
import { DIALOG_RULES } from "./dialog-rules.ts";
import { ENTITY_RULES } from "./entity-rules.ts";
import { FORM_RULES } from "./form-rules.ts";
import { PICKER_RULES } from "./picker-rules.ts";
import { ROOT_RULES } from "./root-rules.ts";
import { TEXT_RULES } from "./text-rules.ts";

export const RULES: Record<Kind, ElementRules> = {
  ...ROOT_RULES,
  ...TEXT_RULES,
  ...ENTITY_RULES,
  ...CARD_RULES,
  ...FORM_RULES,
  ...PICKER_RULES,
  ...DIALOG_RULES,
};
