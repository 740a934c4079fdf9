// The console side: one readable line per frame and per connection (pretty), pino records
// (json), or nothing but bugs (silent). Tokens only ever appear masked.
import { pino } from 'pino';
import { summarizeProblems } from '../../protocol/index.js';
import type { Problem } from '../../protocol/index.js';
import type { TrafficSource } from './traffic.js';

export type LogMode = 'pretty' | 'json' | 'silent';

export interface FrameLine {
  direction: 'in' | 'out';
  /** The sender ("in"), or the users the frame went to ("out"). */
  userIds: readonly number[];
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
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  color?: boolean;
}

const paint = (on: boolean, code: number) => (text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

const clock = (date = new Date()): string => date.toISOString().slice(11, 23);

export function createLogger(options: LoggerOptions): MockLogger {
  const stdout = options.stdout ?? ((text: string) => void process.stdout.write(text));
  const stderr = options.stderr ?? ((text: string) => void process.stderr.write(text));
  if (options.mode === 'json') return jsonLogger(stdout);
  const color = options.color ?? Boolean(process.stdout.isTTY);
  const [dim, red, green, cyan, yellow] = [2, 31, 32, 36, 33].map((code) => paint(color, code)) as [
    (t: string) => string,
    (t: string) => string,
    (t: string) => string,
    (t: string) => string,
    (t: string) => string,
  ];
  const who = (id: number): string => {
    const name = options.nameOf(id);
    return name ? `${id} (${name})` : String(id);
  };
  const pretty = options.mode === 'pretty';
  return {
    framesEnabled: pretty,
    frame(line) {
      if (!pretty) return;
      const users =
        line.userIds.length === 0
          ? 'nobody'
          : `user${line.userIds.length > 1 ? 's' : ''} ${line.userIds.map(who).join(', ')}`;
      const via = line.source === 'socket' ? '' : dim(` [${line.source}]`);
      const type = line.type ?? '(no type)';
      const code = line.errorCode ? ` ${yellow(line.errorCode)}` : '';
      const verdict = line.valid
        ? green('valid')
        : `${red('INVALID')} ${line.problems.length || !line.reason ? summarizeProblems(line.problems, line.problems.length + (line.omitted ?? 0)) : line.reason}`;
      const dir = line.direction === 'in' ? cyan('in ') : green('out');
      stdout(`${dim(clock())}  ${dir} ${users}${via}  ${type}${code}  ${verdict}\n`);
    },
    connection(line) {
      if (!pretty) return;
      const parts = [
        line.userId !== undefined ? `user ${who(line.userId)}` : undefined,
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
        line.event === 'refused' ? red('refused') : line.event === 'open' ? cyan('connect') : dim('disconnect');
      stdout(`${dim(clock())}  ${label}  ${parts.join('  ')}\n`);
    },
    info(message) {
      if (pretty) stdout(`${dim(clock())}  ${message}\n`);
    },
    warn(message) {
      if (pretty) stdout(`${dim(clock())}  ${yellow('WARN')} ${message}\n`);
    },
    error(message, data) {
      stderr(`${clock()}  ${red('ERROR')} ${message}${data ? ` ${JSON.stringify(data)}` : ''}\n`);
    },
  };
}

function jsonLogger(write: (text: string) => void): MockLogger {
  const logger = pino({ base: { name: 'chats-ws-mock' }, timestamp: pino.stdTimeFunctions.isoTime }, { write });
  return {
    framesEnabled: true,
    frame(line) {
      const { userIds, errorCode, ...rest } = line;
      logger.info(
        { kind: 'frame', ...rest, user_ids: userIds, ...(errorCode ? { error_code: errorCode } : {}) },
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
