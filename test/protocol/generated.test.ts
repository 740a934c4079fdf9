import { describe, expect, it } from 'vitest';
import { generateAll, staleFiles } from '../../scripts/generate.js';

describe('generated/', () => {
  it('is what `npm run generate` produces from asyncapi.yaml and schemas/, and protocols/v2/ (run it and commit when this fails)', async () => {
    expect(await staleFiles()).toEqual([]);
  }, 60_000);

  it('holds both protocol versions: version 1 at the top, version 2 in generated/v2/', async () => {
    const paths = (await generateAll()).map((f) => f.path).sort();
    expect(paths).toEqual(
      [
        ...['asyncapi.json', 'constants.ts', 'types.ts', 'validators.ts'].map((f) => `generated/${f}`),
        ...['asyncapi.json', 'constants.ts', 'http-validators.ts', 'openapi.json', 'types.ts', 'validators.ts'].map(
          (f) => `generated/v2/${f}`,
        ),
      ].sort(),
    );
  }, 60_000);
});
