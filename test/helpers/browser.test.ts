// test/helpers/browser.ts: a missing Chromium is installed or named, never a silent skip.
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureChromium, INSTALL_COMMAND, installAdvice } from './browser.js';

describe('installAdvice', () => {
  it('gives root the apt-get command itself', () => {
    expect(installAdvice(true, true)).toBe('apt-get update && apt-get install -y chromium');
  });

  it('gives other users the same command under sudo', () => {
    expect(installAdvice(false, true)).toBe(`sudo sh -c '${INSTALL_COMMAND}'`);
  });

  it('says so when the machine has no apt-get', () => {
    expect(installAdvice(true, false)).toContain('no apt-get');
    expect(installAdvice(true, false)).toContain(INSTALL_COMMAND);
  });
});

describe('ensureChromium', () => {
  it('returns the path of an executable that is there', async () => {
    await expect(ensureChromium(process.execPath)).resolves.toBe(process.execPath);
  });

  it('fails at once, naming the command, for a browser it cannot install', async () => {
    const nowhere = path.join(os.tmpdir(), 'no-such-dir', 'chromium');
    await expect(ensureChromium(nowhere)).rejects.toThrow(
      new RegExp(
        `Chromium is missing at ${nowhere.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}[^]*apt-get install -y chromium`,
      ),
    );
  });
});
