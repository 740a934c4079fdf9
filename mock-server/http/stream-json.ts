// A large JSON answer (the state with thousands of messages, the traffic log) written in chunks:
// the event loop is given back between chunks and the socket's back-pressure is honoured, so one
// big answer neither blocks the mock (its /healthz, its sockets) nor piles up in memory.
import type { Response } from 'express';

/** About this many characters are written, then the event loop has a turn. */
export const CHUNK_CHARS = 256 * 1024;

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

/**
 * Writes `{...before, [key]: items, ...after}`: the same JSON as JSON.stringify would give, with
 * the array in chunks.
 */
export async function sendJsonWithArray(
  res: Response,
  before: Record<string, unknown>,
  key: string,
  items: readonly unknown[],
  after: Record<string, unknown>,
): Promise<void> {
  res.status(200).type('application/json');
  const head = JSON.stringify(before).slice(0, -1);
  let chunk = `${head}${head.length > 1 ? ',' : ''}${JSON.stringify(key)}:[`;
  for (let i = 0; i < items.length; i++) {
    chunk += (i > 0 ? ',' : '') + JSON.stringify(items[i]);
    if (chunk.length >= CHUNK_CHARS) {
      if (res.destroyed) return;
      const more = res.write(chunk);
      chunk = '';
      if (!more) await drained(res);
      await turn();
    }
  }
  const tail = JSON.stringify(after).slice(1);
  res.end(`${chunk}]${tail.length > 1 ? ',' : ''}${tail}`);
}
