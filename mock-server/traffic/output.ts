// Where the command line's log goes: stdout, written without a system call per line. Lines gather
// in memory and go out in one write when FLUSH_BYTES have gathered or FLUSH_MS after the first of
// them (a person watching sees a line within that), so under load one write carries hundreds of
// lines. Nothing is lost: what is pending is written on exit, on Ctrl-C and on a crash
// (flushSync). Writes to stdout are synchronous for pipes, files and terminals on Linux (Node's
// rule), so at most one batch is ever pending. A reader that went away (EPIPE: `mock | head`)
// ends the output, not the mock.
import type { Writable } from 'node:stream';

export interface Output {
  /** Queues text (whole lines) for the stream. */
  write(text: string): void;
  /** Writes whatever is pending, now (on exit). */
  flushSync(): void;
}

/** Lines are written once this many bytes have gathered… */
export const FLUSH_BYTES = 64 * 1024;
/** …or this long after the first line waiting, whichever comes first. */
export const FLUSH_MS = 100;

/** Room for a batch, and for the longest line that still goes through it (as UTF-8, 3 bytes a character at most). */
const CAPACITY = 2 * FLUSH_BYTES;

/**
 * A buffered output on `stream` (process.stdout by default). Each line is encoded into one batch
 * Buffer as it comes (no string kept, nothing to join), and the batch goes out in one write.
 */
export function bufferedOutput(stream: Writable = process.stdout): Output {
  let batch = Buffer.allocUnsafe(CAPACITY);
  let used = 0;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  stream.on('error', () => {
    // The reader went away (EPIPE) or the stream broke: stop writing; the mock goes on.
    closed = true;
  });
  const put = (data: Buffer | string): void => {
    if (closed) return;
    try {
      stream.write(data);
    } catch {
      closed = true;
    }
  };
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (used === 0) return;
    const data = batch.subarray(0, used);
    // A new batch: the stream may still hold the old one (a write it queued).
    batch = Buffer.allocUnsafe(CAPACITY);
    used = 0;
    put(data);
  };
  return {
    write(text) {
      if (closed) return;
      if (used + text.length * 3 > CAPACITY) {
        flush();
        // A line longer than a batch holds: written on its own, after what came before it.
        if (text.length * 3 > CAPACITY) return put(text);
      }
      used += batch.write(text, used);
      if (used >= FLUSH_BYTES) flush();
      else if (!timer) {
        timer = setTimeout(flush, FLUSH_MS);
        timer.unref();
      }
    },
    flushSync: flush,
  };
}

/**
 * Makes sure `output` is written out however the process ends: on exit (process.exit, the end of
 * the event loop, Ctrl-C once the server closed), and on a crash (an uncaught exception or an
 * unhandled rejection: flushed, the error told on stderr, exit code 1).
 */
export function flushOnExit(output: Output, name: string): void {
  process.on('exit', () => output.flushSync());
  const crashed = (err: unknown): void => {
    output.flushSync();
    process.stderr.write(`${name}: crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  };
  process.on('uncaughtException', crashed);
  process.on('unhandledRejection', crashed);
}
