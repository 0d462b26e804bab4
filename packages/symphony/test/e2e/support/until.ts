/** Waiting for what the pod or the bot does next. */

/** Polls `probe` every 20 ms until it answers a value; gives up after 500 tries, naming `what` (and what `describe` shows). */
export async function until<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  describe?: () => Promise<unknown>,
): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const shown = describe ? `: ${JSON.stringify(await describe())}` : "";
  throw new Error(`gave up waiting for ${what}${shown}`);
}

/** Polls `condition` every 20 ms until it holds; gives up after `timeoutMs`, naming `what`. */
export async function untilTrue(
  condition: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
