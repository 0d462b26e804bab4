/** Registering a controller object's decorated methods into a bot, bound to the object. */
import type { Bot } from "../bot/bot.ts";
import { ErrorCode, SprigError } from "../errors/errors.ts";
import { registrationsOf } from "./decorators.ts";

export function registerController<S>(bot: Bot<S>, instance: object): void {
  let found = 0;
  for (const method of methodsOf(instance)) {
    for (const registration of registrationsOf(method)) {
      found++;
      // biome-ignore lint/suspicious/noExplicitAny: the decorator already checked the method against its registration.
      const bound = (context: any) => method.call(instance, context);
      switch (registration.type) {
        case "command":
          bot.command(registration.pattern, registration.options, bound);
          break;
        case "button":
          bot.button(registration.workType, registration.id, registration.options, bound);
          break;
        case "on":
          bot.on(registration.kind, bound);
          break;
      }
    }
  }
  if (found === 0) {
    throw new SprigError(
      ErrorCode.InvalidRegistration,
      `${instance.constructor?.name ?? "The controller"} has no @command, @button or @on methods. ` +
        "If it has, check that your tool chain transforms standard decorators (tsc, tsx and esbuild do).",
    );
  }
}

/** Own and inherited methods, nearest first, each name once. */
function methodsOf(instance: object): Function[] {
  const seen = new Set<string>();
  const out: Function[] = [];
  for (
    let proto = Object.getPrototypeOf(instance);
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === "constructor" || seen.has(name)) continue;
      seen.add(name);
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (typeof descriptor?.value === "function") out.push(descriptor.value);
    }
  }
  return out;
}
