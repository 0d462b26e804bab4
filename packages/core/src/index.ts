// Public API of @sprig/core: everything exported from here, nothing else.
export {};
