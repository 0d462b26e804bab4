import type { InMemoryPlatform } from "@sprig/testing";

/** Makes the platform's next send throw `error`; every later send goes through as before. */
export function failFirstSend(platform: InMemoryPlatform, error: Error): void {
  const send = platform.send.bind(platform);
  let failures = 1;
  platform.send = async (response) => {
    if (failures-- > 0) throw error;
    return send(response);
  };
}
