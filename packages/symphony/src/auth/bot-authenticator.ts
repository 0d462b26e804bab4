/** One way of logging the bot in (RSA or certificate): each call returns a fresh token. */
export interface BotAuthenticator {
  /** Human name of the method, for messages: "RSA" or "certificate". */
  readonly method: string;
  authenticateSession(): Promise<string>;
  authenticateKeyManager(): Promise<string>;
}
