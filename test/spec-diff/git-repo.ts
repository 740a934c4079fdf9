// A throwaway git repository in a temp directory, for the git:<ref> sources.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TempRepo {
  readonly dir: string;
  write(file: string, text: string): void;
  commit(message: string): string;
  git(...args: string[]): string;
  remove(): void;
}

export function tempRepo(): TempRepo {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-diff-'));
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args],
      { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  git('init', '-q', '-b', 'main');
  return {
    dir,
    git,
    write(file, text) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    },
    commit(message) {
      git('add', '-A');
      git('commit', '-q', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD').trim();
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
