// Public API of @sprig/symphony: everything exported from here, nothing else.
export {};
