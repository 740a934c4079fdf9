// --record FILE: every frame the proxy relays as one JSON line, for later (`chats-ws-protocol
// validate FILE` judges each by its direction), with the handshakes, closes and faults around
// them. Appended to, never truncated: each run begins with a "start" line.
//
//   {"kind":"frame","time":"…","direction":"in","connection":"c1","user":12,"type":"new_message",
//    "verdict":"valid","problems":[],"frame":{…}}
//
// A frame's `frame` is its parsed JSON; `text` holds the exact text when it is not JSON or when
// its JSON would not write back to the same text; `binary` holds a binary frame in base64.
import fs from 'node:fs';
import type { Problem } from '../../protocol/index.js';

export const RECORD_FORMAT = 'chats-ws-protocol/proxy-record@1';

export interface FrameRecordLine {
  kind: 'frame';
  time: string;
  /** "in": client → server, "out": server → client. */
  direction: 'in' | 'out';
  connection: string;
  user: number | null;
  type: string | null;
  verdict: 'valid' | 'invalid';
  problems: Problem[];
  problems_omitted?: number;
  note?: string;
  frame?: unknown;
  text?: string;
  binary?: string;
}

export type RecordLine =
  | { kind: 'start'; time: string; format: string; upstream: string; listening: string; protocol: string }
  | { kind: 'open'; time: string; connection: string; user: number | null; path: string; subprotocol: string | null }
  | { kind: 'refused'; time: string; status: number; path: string; by: 'upstream' | 'proxy'; reason: string }
  | FrameRecordLine
  | { kind: 'close'; time: string; connection: string; user: number | null; code: number; reason: string; by: string }
  | {
      kind: 'fault';
      time: string;
      connection: string | null;
      user: number | null;
      direction: string;
      note: string;
      details: unknown;
    };

/** Lines waiting for the disk beyond this are dropped (and counted): a recording never eats the memory. */
const MAX_PENDING_BYTES = 64 * 1024 * 1024;

export class RecordFile {
  private readonly stream: fs.WriteStream;
  private failed: string | null = null;
  private lost = 0;
  private written = 0;

  /** Opens (creates, or appends to) `file`; throws when it cannot be opened, naming it. */
  constructor(
    readonly file: string,
    private readonly warn: (message: string) => void,
  ) {
    let fd: number;
    try {
      fd = fs.openSync(file, 'a');
    } catch (err) {
      throw new Error(`--record ${file}: ${(err as Error).message}`);
    }
    this.stream = fs.createWriteStream('', { fd, encoding: 'utf8' });
    this.stream.on('error', (err) => {
      if (this.failed) return;
      this.failed = err.message;
      this.warn(`recording to ${file} stopped: ${err.message}`);
    });
  }

  /** Lines written, and lines dropped because the disk did not keep up (or failed). */
  stats(): { written: number; dropped: number } {
    return { written: this.written, dropped: this.lost };
  }

  write(line: RecordLine): void {
    if (this.failed !== null) {
      this.lost++;
      return;
    }
    if (this.stream.writableLength > MAX_PENDING_BYTES) {
      if (this.lost++ === 0) this.warn(`recording to ${this.file} falls behind the traffic: lines are dropped`);
      return;
    }
    this.written++;
    this.stream.write(`${JSON.stringify(line)}\n`);
  }

  /** Writes what is pending and closes the file. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.stream.closed || this.stream.destroyed) return resolve();
      this.stream.end(() => resolve());
    });
  }
}

/** The frame's fields of a record line: parsed JSON (and the exact text when it differs), text, or base64. */
export function frameFields(
  data: Buffer,
  isBinary: boolean,
  text: string,
  parsed: unknown,
): Pick<FrameRecordLine, 'frame' | 'text' | 'binary'> {
  if (isBinary) return { binary: data.toString('base64') };
  if (parsed === undefined) return { text };
  let again: string | undefined;
  try {
    again = JSON.stringify(parsed);
  } catch {
    again = undefined;
  }
  return again === text ? { frame: parsed } : { frame: parsed, text };
}
