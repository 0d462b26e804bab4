// Public API of @sprig/testing: everything exported from here, nothing else.
export {};
