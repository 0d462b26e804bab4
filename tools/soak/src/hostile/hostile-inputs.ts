import type { EmulatedPod } from "@sprig/testing/emulator";

export interface HostileResult {
  readonly name: string;
  readonly passed: boolean;
  readonly answer: string;
}

export async function sendHostileInputs(
  _pod: EmulatedPod,
  _log: (line: string) => void,
): Promise<HostileResult[]> {
  return [];
}
