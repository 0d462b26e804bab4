import { MessageMLError } from "../errors.ts";

/** The agent's InvalidInputException for a message that parsed but breaks a MessageML rule. */
export function invalid(message: string): never {
  throw new MessageMLError("INVALID_MESSAGEML", message);
}
