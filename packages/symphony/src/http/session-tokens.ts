/** The two tokens every authenticated call carries. */
export interface SessionTokens {
  readonly sessionToken: string;
  /** Empty when the pod delivers keys without a key manager (simplified key delivery). */
  readonly keyManagerToken: string;
}

/** What the REST client needs from authentication: the tokens, and a way to renew them on a 401. */
export interface TokenProvider {
  /** The current tokens, logging in first if there are none yet. */
  tokens(): Promise<SessionTokens>;
  /**
   * Log in again because `stale` was refused. Single-flight: concurrent callers share one login,
   * and a caller whose tokens were already replaced returns at once.
   */
  refresh(stale: SessionTokens): Promise<void>;
}
