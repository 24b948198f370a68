import { describe, expect, it } from 'vitest';
import { snippet } from '../src/sync/snippet.js';
describe('smoke', () => { it('snips', () => { expect(snippet('x'.repeat(200))).toHaveLength(100); }); });
