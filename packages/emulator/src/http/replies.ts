import type { Reply } from "./router.ts";

export const json = (body: unknown, status = 200): { status: number; json: unknown } => ({
  status,
  json: body,
});
/** A JSON answer whose text is made already (a message view, events serialised once). */
export const jsonText = (
  text: string,
  status = 200,
): { status: number; text: string; contentType: string } => ({
  status,
  text,
  contentType: "application/json",
});
export const empty = (status = 204): Reply => ({ status });
