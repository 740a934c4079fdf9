// Where the command line's log goes: stdout, written without a system call per line. Lines gather
// in memory and go out in one write when FLUSH_CHARS have gathered or FLUSH_MS after the first of
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

/** Lines are written once this much has gathered… */
export const FLUSH_CHARS = 64 * 1024;
/** …or this long after the first line waiting, whichever comes first. */
export const FLUSH_MS = 100;

/** A buffered output on `stream` (process.stdout by default). */
export function bufferedOutput(stream: Writable = process.stdout): Output {
  let pending: string[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  stream.on('error', () => {
    // The reader went away (EPIPE) or the stream broke: stop writing; the mock goes on.
    closed = true;
  });
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (size === 0) return;
    const text = pending.length === 1 ? (pending[0] as string) : pending.join('');
    pending = [];
    size = 0;
    if (closed) return;
    try {
      stream.write(text);
    } catch {
      closed = true;
    }
  };
  return {
    write(text) {
      if (closed) return;
      pending.push(text);
      size += text.length;
      if (size >= FLUSH_CHARS) flush();
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
