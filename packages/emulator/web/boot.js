// Loaded as its own small module script, before the app: it asks for the people, the person's
// conversations and the open conversation's newest page while the rest of the app still loads.
// main.js imports it (one module instance per page) and uses what it already asked for.
import { api } from "./api.js";

const PAGE_SIZE = 50;
const params = new URLSearchParams(location.search);
const as = params.get("as");
const stream = params.get("stream");
const quietly = (promise) => promise.catch(() => undefined);

export const early = {
  as,
  stream,
  pageSize: PAGE_SIZE,
  users: api.users(),
  /** A failure only means asking again later, once the person is known. */
  streams: as ? quietly(api.streamsOf(as)) : undefined,
  page: as && stream ? quietly(api.messages(stream, { as, limit: PAGE_SIZE })) : undefined,
};
// Not left unhandled when the app reports it.
early.users.catch(() => undefined);
