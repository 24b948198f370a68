// Tests use the sandbox's in-memory store; build its services with support/services.ts.
export { MemoryStore } from '../../src/sandbox/memory-store.js';
