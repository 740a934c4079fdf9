// `--state FILE`: the world kept across restarts. Loaded on start when the file exists; saved
// after the world changes (debounced), after a reset, and when the server closes. Every save is
// atomic: a temporary file next to it, then a rename, so a crash never leaves half a file.
//
// The file is the fixtures shape (users, projects, messages: it can be given to --fixtures as it
// is) plus a format marker and the next message id, so ids never repeat after a restart:
//   { "format": "chats-ws-mock-state/1", "saved_at": "…", "next_message_id": 56,
//     "users": [...], "projects": [...], "messages": [...] }
// A file that exists but is not such a state file is refused with its name and the reason, and
// left as it is: the mock never overwrites what it cannot read.
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type World, type WorldData, exportWorld } from '../domain/index.js';
import type { EventListener } from '../hub/hub.js';
import type { MockLogger } from '../traffic/log.js';
import { parseFixtures } from './fixtures-file.js';

export const STATE_FORMAT = 'chats-ws-mock-state/1';

/** How long after a change the world is saved (changes meanwhile are saved together). */
export const SAVE_DELAY_MS = 250;

export interface SavedState {
  world: WorldData;
  nextMessageId: number;
}

export type StateLoad = { ok: true; state: SavedState | null } | { ok: false; error: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const refuse = (file: string, why: string): StateLoad => ({
  ok: false,
  error:
    `The state file ${file} cannot be loaded: ${why}.\n` +
    '  It was left as it is. Fix it, move it away, or choose another file with --state.',
});

/** Reads a state file: null when it does not exist yet (the first run), an error when it is not one. */
export async function loadStateFile(file: string, secret: string): Promise<StateLoad> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, state: null };
    return refuse(file, (err as Error).message);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return refuse(file, `it is not JSON (${(err as Error).message})`);
  }
  if (!isObject(data) || data.format !== STATE_FORMAT) {
    return refuse(file, `it is not a state file of chats-ws-mock (no "format": "${STATE_FORMAT}")`);
  }
  const next = data.next_message_id;
  if (typeof next !== 'number' || !Number.isSafeInteger(next) || next < 1) {
    return refuse(file, '"next_message_id" must be a positive integer');
  }
  const parsed = parseFixtures(data, secret);
  if (!parsed.ok) return refuse(file, parsed.errors.join('; '));
  return { ok: true, state: { world: parsed.world, nextMessageId: next } };
}

/** The text of a state file for a world. */
export function stateFileText(world: WorldData, nextMessageId: number, savedAt = new Date()): string {
  const content = {
    format: STATE_FORMAT,
    saved_at: savedAt.toISOString(),
    next_message_id: nextMessageId,
    users: world.users,
    projects: world.projects,
    messages: world.messages,
  };
  return `${JSON.stringify(content, null, 2)}\n`;
}

/** Writes `text` to `file` through a temporary file in the same folder and a rename. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

export interface StateSaverOptions {
  file: string;
  /** The current world and next message id, read when a save happens. */
  snapshot: () => SavedState;
  /** A save that failed (the server keeps running; the next change tries again). */
  onError: (message: string) => void;
  delayMs?: number;
}

/**
 * Saves the world a short while after it changes: `changed()` after each change; `flush()` saves
 * now if anything is unsaved (and waits for a save in progress); `close()` flushes and stops.
 */
export class StateSaver {
  private timer: NodeJS.Timeout | null = null;
  private dirty = false;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: StateSaverOptions) {}

  changed(): void {
    this.dirty = true;
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.options.delayMs ?? SAVE_DELAY_MS);
    this.timer.unref();
  }

  /** Saves now if there are unsaved changes; resolves when the file is written (errors are reported, not thrown). */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.writing = this.writing.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      const { world, nextMessageId } = this.options.snapshot();
      try {
        await writeAtomically(this.options.file, stateFileText(world, nextMessageId));
      } catch (err) {
        this.dirty = true;
        this.options.onError(`Could not save the state file ${this.options.file}: ${(err as Error).message}`);
      }
    });
    return this.writing;
  }

  /** Saves what is unsaved and stops saving. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }
}

/** What keepWorldIn needs of the hub: its world (replaced on reset), and the events it accepted. */
export interface WorldHolder {
  readonly world: World;
  onAccepted(listener: EventListener): () => void;
}

/**
 * Keeps `holder`'s world in `file` from now on: saved at once (so a file that cannot be written
 * fails the start), then after every accepted change (debounced). Call `changed()` on the result
 * after replacing the world, and `close()` when the server stops.
 */
export async function keepWorldIn(
  file: string,
  holder: WorldHolder,
  logger: MockLogger,
  loaded: boolean,
): Promise<StateSaver> {
  const snapshot = (): SavedState => ({ world: exportWorld(holder.world), nextMessageId: holder.world.nextMessageId });
  const { world, nextMessageId } = snapshot();
  try {
    await writeAtomically(file, stateFileText(world, nextMessageId));
  } catch (err) {
    throw new Error(`Cannot write the state file ${file}: ${(err as Error).message}`);
  }
  logger.info(
    loaded
      ? `World loaded from ${file}: ${world.messages.length} messages, next message id ${nextMessageId}`
      : `World saved to ${file} as it changes`,
  );
  const saver = new StateSaver({ file, snapshot, onError: (message) => logger.error(message) });
  holder.onAccepted((_userId, event) => {
    if (event.type === 'new_message' || event.type === 'message_read' || event.type === 'delete_message')
      saver.changed();
  });
  return saver;
}
