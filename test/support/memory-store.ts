// Tests use the sandbox's in-memory store.
export { MemoryStore, service } from '../../src/sandbox/memory-store.js';
