// Vitest setup for every test file (.config/vitest.config.ts `setupFiles`): the nock guard of support/nock-guard.ts.
// A test that declares a mock the code may legitimately skip marks it `.optionally()`; nothing else opts out.
import { afterEach, beforeAll } from 'vitest';
import { blockRealNetwork, checkInterceptorsUsed } from './nock-guard.js';

beforeAll(blockRealNetwork);
afterEach(checkInterceptorsUsed);
