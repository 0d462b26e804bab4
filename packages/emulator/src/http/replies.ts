import type { Reply } from "./router.ts";

export const json = (body: unknown, status = 200): { status: number; json: unknown } => ({
  status,
  json: body,
});
export const empty = (status = 204): Reply => ({ status });
