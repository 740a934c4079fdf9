import { describe, expect, it } from 'vitest';
import { staleFiles } from '../../scripts/generate.js';

describe('generated/', () => {
  it('is what `npm run generate` produces from asyncapi.yaml and schemas/ (run it and commit when this fails)', async () => {
    expect(await staleFiles()).toEqual([]);
  }, 60_000);
});
