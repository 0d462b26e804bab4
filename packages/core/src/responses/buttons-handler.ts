/**
 * The built-in response handler that puts a work type's buttons on its messages: the buttons
 * registered for the mode shown, in registration order, minus those restricted away from the
 * destination. Admin-only buttons show in rooms (the room's admins need them; a press by anyone
 * else is refused when handled) and never in a 1:1.
 */
import type { AccessRequest } from "../access/restrictions.ts";
import { checkAccess } from "../access/restrictions.ts";
import type { ButtonRegistry } from "../routing/buttons.ts";
import type { ResponseHandler } from "./response-chain.ts";
import type { ButtonView } from "./responses.ts";

export const BUTTONS_PRIORITY = 100;

export function buttonsResponseHandler(buttons: ButtonRegistry): ResponseHandler {
  return {
    name: "sprig.buttons",
    priority: BUTTONS_PRIORITY,
    async handle(response) {
      if (response.kind !== "work" || response.buttons.length > 0) return response;
      const candidates = buttons.shownIn(response.workType.typeName, response.mode);
      if (candidates.length === 0) return response;
      const chat = response.to.kind === "chat" ? response.to : undefined;
      const audience: AccessRequest = {
        user: response.to.kind === "user" ? response.to : undefined,
        chat,
        isAdmin: () => Promise.resolve(chat !== undefined),
      };
      const views: ButtonView[] = [];
      for (const button of candidates) {
        const decision = await checkAccess(button.options, audience);
        if (!decision.allowed) continue;
        const { text, style } = button.options;
        views.push(style === undefined ? { id: button.id, text } : { id: button.id, text, style });
      }
      return { ...response, buttons: views };
    },
  };
}
