// Public API of @sprig/emulator: everything exported from here, nothing else.
export {};
