// Terminal colours through node:util's styleText. Whether a stream gets colours is Node's own
// decision (NO_COLOR, FORCE_COLOR, NODE_DISABLE_COLORS, a TTY or not), asked once per stream; the
// escape codes are computed once too, so painting a log line is string concatenation.
import { styleText } from 'node:util';

type Format = Parameters<typeof styleText>[0];

/** Whether Node would colour text written to `stream` (false without a stream). */
export function colorsFor(stream: NodeJS.WritableStream | undefined): boolean {
  if (!stream) return false;
  try {
    return styleText('red', 'x', { stream }) !== 'x';
  } catch {
    return false;
  }
}

export type Paint = (text: string) => string;

export interface Palette {
  readonly enabled: boolean;
  readonly bold: Paint;
  readonly dim: Paint;
  readonly red: Paint;
  readonly green: Paint;
  readonly yellow: Paint;
  readonly cyan: Paint;
}

const plain: Paint = (text) => text;

function painter(format: Format): Paint {
  const [open = '', close = ''] = styleText(format, '\u0000', { validateStream: false }).split('\u0000');
  return (text) => open + text + close;
}

/** The colours in use: real ones when `enabled`, the identity otherwise. */
export function palette(enabled: boolean): Palette {
  if (!enabled) return { enabled, bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain };
  return {
    enabled,
    bold: painter('bold'),
    dim: painter('dim'),
    red: painter('red'),
    green: painter('green'),
    yellow: painter('yellow'),
    cyan: painter('cyan'),
  };
}
