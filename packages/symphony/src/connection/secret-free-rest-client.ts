import type { RestClientOptions, RestRequest } from "../http/rest-client.ts";
import { RestClient } from "../http/rest-client.ts";
import { scrubErrorInPlace } from "../logging/scrubbed-value.ts";
import type { SecretRegistry } from "../logging/secret-registry.ts";

/**
 * The REST client whose errors carry no secret. A pod or agent may echo a token or a JWT in an
 * error body; that text becomes the error's message, stack and fields — and the error travels on
 * to core (which logs a failed handler's error with its stack), to `done`, to the author's code.
 * So it is scrubbed once, here, where every call's error leaves the transport.
 */
export class SecretFreeRestClient extends RestClient {
  readonly #secrets: SecretRegistry;

  constructor(options: RestClientOptions & { readonly secrets: SecretRegistry }) {
    super(options);
    this.#secrets = options.secrets;
  }

  // Not `async`/`await`: every REST call passes here, and a success should go straight through
  // without an extra await; only a failure takes the detour. The handler is made once, not per call.
  override call<T>(request: RestRequest): Promise<T> {
    return super.call<T>(request).catch(this.#throwScrubbed);
  }

  readonly #throwScrubbed = (error: unknown): never => {
    throw scrubErrorInPlace(error, (text) => this.#secrets.scrub(text));
  };
}
