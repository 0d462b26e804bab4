import { isSymphonyError } from "../errors/symphony-error.ts";
import { SymphonyHttpError } from "../http/http-error.ts";

/**
 * What to do when the datafeed has failed for good: the bot receives nothing from then on, so the
 * log line that says so must tell the operator where to look.
 */
export function datafeedFailureAdvice(error: unknown): string {
  if (isSymphonyError(error, "AUTH_REJECTED"))
    return "the pod refused the bot's login: check bot.username and its key or certificate, then restart the bot";
  if (error instanceof SymphonyHttpError) {
    if (error.status === 403)
      return "the agent forbids this bot its datafeed (403): check that the bot's account is active and entitled to read a datafeed (and has fewer than 20 feeds), then restart the bot";
    if (error.status === 404)
      return "the agent has no such datafeed endpoint (404): check the agent's host, port and context in the config, and datafeed.version, then restart the bot";
    if (error.status === 401)
      return "the agent refused every fresh session past the datafeed's retry limit (a new login before each retry): check the bot's account and key manager (or raise datafeed.retry), then restart the bot";
    if (error.status >= 500)
      return "the agent kept failing past the datafeed's retry limit: check that it is up (or raise datafeed.retry), then restart the bot";
    return "the agent rejected the datafeed call: see the error, then restart the bot";
  }
  if (isSymphonyError(error, "HTTP_NETWORK_ERROR"))
    return "the agent could not be reached: check its host, port and proxy in the config, then restart the bot";
  return "see the error, then restart the bot";
}
