// The console side: one readable line per frame and per connection (pretty), pino records
// (json), or nothing but bugs (silent). Tokens only ever appear masked.
import { createRequire } from 'node:module';
import type { pino as Pino } from 'pino';
import { summarizeProblems } from '../../protocol/index.js';
import type { Problem } from '../../protocol/index.js';
import type { TrafficSource } from './traffic.js';
import { type FrameSummary, summarizeFrame } from './frame-summary.js';
import { colorsFor, palette } from '../style.js';

export type LogMode = 'pretty' | 'json' | 'silent';

export interface FrameLine {
  direction: 'in' | 'out';
  /** The sender ("in"), or the users the frame went to ("out"). */
  userIds: readonly number[];
  /**
   * For "out": the user whose action caused it (the sender of the message, the user who connected,
   * the user whose frame an error answers); null when nobody did (the control API's emit).
   */
  actor?: number | null | undefined;
  /** The parsed frame (or its text): where the line's chat and preview come from. */
  frame?: unknown;
  /** The chat and preview, when the caller has them already (else read from `frame`). */
  summary?: FrameSummary | undefined;
  connections: number;
  source: TrafficSource;
  type: string | null;
  valid: boolean;
  problems: readonly Problem[];
  /** How many problems were found beyond those in `problems`. */
  omitted?: number | undefined;
  /** For an outgoing `error` event, its code. */
  errorCode?: string | undefined;
  /** Why an invalid frame is invalid when it has no problems list (not JSON, binary). */
  reason?: string | undefined;
}

export interface ConnectionLine {
  event: 'open' | 'close' | 'refused';
  userId?: number;
  connectionId?: string;
  via?: string;
  /** Already masked. */
  token?: string;
  path?: string;
  reason?: string;
  code?: number;
  /** The HTTP status a refused upgrade was answered with. */
  status?: number;
  origin?: string;
  remote?: string;
}

export interface MockLogger {
  /** False when frame lines go nowhere, so callers can skip building them. */
  readonly framesEnabled: boolean;
  frame(line: FrameLine): void;
  connection(line: ConnectionLine): void;
  info(message: string, data?: Record<string, unknown>): void;
  /** Something a client did that the mock refused or cut short (a limit, a dead socket). */
  warn(message: string, data?: Record<string, unknown>): void;
  /** A bug or a failure: printed in every mode, to stderr unless the mode is json. */
  error(message: string, data?: Record<string, unknown>): void;
}

export interface LoggerOptions {
  mode: LogMode;
  nameOf: (userId: number) => string | undefined;
  /** Where lines go (default: process.stdout). */
  stdout?: (text: string) => void;
  /** Where bugs go in pretty and silent modes (default: process.stderr). */
  stderr?: (text: string) => void;
  /** Colours on or off; by default Node decides for process.stdout (NO_COLOR, FORCE_COLOR, a TTY), and off with `stdout` given. */
  color?: boolean;
}

/** hh:mm:ss.mmm, formatted at most once per millisecond. */
class Clock {
  private lastMs = Number.NaN;
  private last = '';
  now(): string {
    const ms = Date.now();
    if (ms !== this.lastMs) {
      this.lastMs = ms;
      this.last = new Date(ms).toISOString().slice(11, 23);
    }
    return this.last;
  }
}

/** Column widths of a frame line: who acted, type, chat. */
const WHO_WIDTH = 28;
const TYPE_WIDTH = 14;
const CHAT_WIDTH = 10;

const spaces = (n: number): string => (n > 0 ? ' '.repeat(n) : '');

export function createLogger(options: LoggerOptions): MockLogger {
  const stdout = options.stdout ?? ((text: string) => void process.stdout.write(text));
  const stderr = options.stderr ?? ((text: string) => void process.stderr.write(text));
  if (options.mode === 'json') return jsonLogger(stdout);
  const paint = palette(options.color ?? (options.stdout ? false : colorsFor(process.stdout)));
  const errorPaint = options.color !== undefined || options.stderr ? paint : palette(colorsFor(process.stderr));
  const clock = new Clock();
  const who = (id: number): string => {
    const name = options.nameOf(id);
    return name ? `user ${id} (${name})` : `user ${id}`;
  };
  const pretty = options.mode === 'pretty';
  return {
    framesEnabled: pretty,
    frame(line) {
      if (!pretty) return;
      // Who acted: the sender (in), or whoever caused the delivery (out), tagged with the source
      // when it was not their socket; then, for out, whom it reached.
      const actor = line.direction === 'in' ? line.userIds[0] : line.actor;
      let whoText = actor === undefined || actor === null ? '' : who(actor);
      const tag = line.source === 'socket' ? '' : `[${line.source}]`;
      let width = whoText.length + (tag && whoText ? tag.length + 1 : tag.length);
      let to = '';
      if (line.direction === 'out') {
        const ids = line.userIds;
        const only = ids.length === 1 ? (ids[0] as number) : undefined;
        to =
          only === undefined
            ? ids.length === 0
              ? 'nobody'
              : `${ids.length} users`
            : only === actor
              ? 'self'
              : who(only);
        to = `→ ${to}`;
        width += to.length + (width > 0 ? 1 : 0);
      }
      if (tag) whoText = whoText ? `${whoText} ${paint.yellow(tag)}` : paint.yellow(tag);
      if (to) whoText = whoText ? `${whoText} ${to}` : to;
      const type = line.type ?? '(no type)';
      const { chat, preview } = line.summary ?? summarizeFrame(line.frame);
      const verdict = line.valid
        ? paint.green('valid')
        : `${paint.red('INVALID')} ${line.problems.length || !line.reason ? summarizeProblems(line.problems, line.problems.length + (line.omitted ?? 0)) : line.reason}`;
      stdout(
        `${paint.dim(clock.now())}  ${line.direction === 'in' ? paint.cyan('in ') : paint.green('out')}  ${whoText}${spaces(WHO_WIDTH - width)} ` +
          `${type}${spaces(TYPE_WIDTH - type.length)} ${chat}${spaces(CHAT_WIDTH - chat.length)} ` +
          `${preview ? `${preview}  ` : ''}${verdict}\n`,
      );
    },
    connection(line) {
      if (!pretty) return;
      const parts = [
        line.userId !== undefined ? who(line.userId) : undefined,
        line.connectionId ? `conn ${line.connectionId}` : undefined,
        line.via ? `via ${line.via}` : undefined,
        line.token ? `token ${line.token}` : undefined,
        line.path ? `path ${line.path}` : undefined,
        line.origin ? `origin ${line.origin}` : undefined,
        line.status !== undefined ? `HTTP ${line.status}` : undefined,
        line.code !== undefined ? `code ${line.code}` : undefined,
        line.reason ? line.reason : undefined,
      ].filter(Boolean);
      const label =
        line.event === 'refused'
          ? paint.red('refused')
          : line.event === 'open'
            ? paint.cyan('connect')
            : paint.dim('disconnect');
      stdout(`${paint.dim(clock.now())}  ${label}  ${parts.join('  ')}\n`);
    },
    info(message) {
      if (pretty) stdout(`${paint.dim(clock.now())}  ${message}\n`);
    },
    warn(message) {
      if (pretty) stdout(`${paint.dim(clock.now())}  ${paint.yellow('WARN')} ${message}\n`);
    },
    error(message, data) {
      stderr(`${clock.now()}  ${errorPaint.red('ERROR')} ${message}${data ? ` ${JSON.stringify(data)}` : ''}\n`);
    },
  };
}

function jsonLogger(write: (text: string) => void): MockLogger {
  // Loaded here, for --log json only: the pretty log (the default) starts without it.
  const { pino } = createRequire(import.meta.url)('pino') as { pino: typeof Pino };
  const logger = pino({ base: { name: 'chats-ws-mock' }, timestamp: pino.stdTimeFunctions.isoTime }, { write });
  return {
    framesEnabled: true,
    frame(line) {
      const { chat, preview } = line.summary ?? summarizeFrame(line.frame);
      const actor = line.direction === 'in' ? line.userIds[0] : line.actor;
      logger.info(
        {
          kind: 'frame',
          direction: line.direction,
          ...(actor !== undefined ? { actor } : {}),
          user_ids: line.userIds,
          connections: line.connections,
          source: line.source,
          type: line.type,
          ...(chat ? { chat } : {}),
          ...(preview ? { preview } : {}),
          valid: line.valid,
          problems: line.problems,
          ...(line.omitted ? { problems_omitted: line.omitted } : {}),
          ...(line.errorCode ? { error_code: line.errorCode } : {}),
          ...(line.reason ? { reason: line.reason } : {}),
        },
        `${line.direction} ${line.type ?? '-'}`,
      );
    },
    connection(line) {
      logger.info({ kind: 'connection', ...line }, line.event);
    },
    info(message, data) {
      logger.info(data ?? {}, message);
    },
    warn(message, data) {
      logger.warn(data ?? {}, message);
    },
    error(message, data) {
      logger.error(data ?? {}, message);
    },
  };
}
