import { isWellFormedId, toUrlSafeId } from "../ids/url-safe-ids.ts";
import { badRequest } from "./api-error.ts";

/** A stream or message id from a path or query: both Base64 alphabets accepted, anything else is a 400. */
export function idParam(raw: string | null | undefined, what: string): string {
  if (!raw || !isWellFormedId(raw)) {
    throw badRequest(`Invalid ${what}: ${JSON.stringify(raw ?? "")} is not a Base64 id`, "INVALID_ID");
  }
  return toUrlSafeId(raw);
}
