// The demo bot: echo, a custom help page, and a showcase of every content kind and form field.
export { createDemoBot, type DemoBotOptions } from "./demo-bot.ts";
export { Showcase } from "./showcase-form.ts";
