// Each connection, and who broke the contract on it: the client (it sent a frame outside the
// spec), the server (it sent one: an error not in the spec's shape included), both, or nobody.
// On the proxy the counts are its own (GET /__mock/connections); on the mock they are counted
// from the traffic the page has seen.
import type { RelayInfo } from './api.js';
import type { UserNames } from './describe.js';
import { h, replaceChildren, shortTime } from './dom.js';
import type { TrafficRecord } from './live-client.js';

type Blame = RelayInfo['broke_contract'];

/** What the panel shows of a connection: the proxy's RelayInfo, or the mock's, counted here. */
export interface ConnectionRow {
  id: string;
  user_id: number | null;
  opened_at: string;
  closed_at?: string | null;
  close?: RelayInfo['close'];
  frames?: { in: number; out: number };
  invalid?: { in: number; out: number };
}

const BLAME_TEXT: Record<NonNullable<Blame> | 'none', string> = {
  client: 'the client broke the contract',
  server: 'the server broke the contract',
  both: 'both broke the contract',
  none: 'nobody broke the contract',
};

export class ConnectionsView {
  /** Frames and invalid frames per connection, counted from the traffic records seen. */
  private readonly tallies = new Map<
    string,
    { frames: { in: number; out: number }; invalid: { in: number; out: number } }
  >();
  private rows: ConnectionRow[] = [];

  constructor(
    private readonly list: HTMLElement,
    private readonly count: HTMLElement,
    private readonly names: UserNames,
  ) {}

  /** A traffic record: counted for its connection (faults are not frames of anyone's). */
  countRecord(record: TrafficRecord): void {
    if (record.connection_id === null || record.source === 'fault') return;
    let tally = this.tallies.get(record.connection_id);
    if (!tally) {
      tally = { frames: { in: 0, out: 0 }, invalid: { in: 0, out: 0 } };
      this.tallies.set(record.connection_id, tally);
    }
    tally.frames[record.direction]++;
    if (!record.valid) tally.invalid[record.direction]++;
    if (this.rows.some((r) => r.id === record.connection_id)) this.render();
  }

  /** The live stream started over: forget the counts. */
  reset(): void {
    this.tallies.clear();
    this.render();
  }

  show(rows: readonly ConnectionRow[]): void {
    this.rows = [...rows];
    this.render();
  }

  private render(): void {
    const open = this.rows.filter((r) => !r.closed_at).length;
    this.count.textContent = `${open} open${this.rows.length > open ? ` · ${this.rows.length - open} closed` : ''}`;
    replaceChildren(
      this.list,
      this.rows.length === 0 ? h('li', { class: 'muted connection-none' }, 'No connection yet.') : null,
      this.rows.map((row) => this.item(row)),
    );
  }

  private item(row: ConnectionRow): HTMLLIElement {
    const tally = this.tallies.get(row.id);
    const frames = row.frames ?? tally?.frames ?? { in: 0, out: 0 };
    const invalid = row.invalid ?? tally?.invalid ?? { in: 0, out: 0 };
    const blame: NonNullable<Blame> | 'none' =
      invalid.in && invalid.out ? 'both' : invalid.in ? 'client' : invalid.out ? 'server' : 'none';
    const closed = row.closed_at ? row.close : null;
    return h(
      'li',
      {
        class: `connection blame-${blame}${row.closed_at ? ' closed' : ''}`,
        'data-connection': row.id,
        'data-blame': blame,
      },
      h(
        'div',
        { class: 'connection-head' },
        h('span', { class: 'connection-id' }, row.id),
        h('span', { class: 'connection-user' }, row.user_id === null ? 'unknown user' : this.names.short(row.user_id)),
        h(
          'span',
          { class: 'connection-state muted', title: row.opened_at },
          closed
            ? `closed ${closed.code}${closed.reason ? ` ${closed.reason}` : ''} (by the ${closed.by})`
            : `open since ${shortTime(row.opened_at)}`,
        ),
      ),
      h(
        'div',
        { class: 'connection-verdict' },
        h('span', { class: `badge blame ${blame}` }, BLAME_TEXT[blame]),
        h(
          'span',
          { class: 'connection-counts muted' },
          `in ${frames.in} (${invalid.in} invalid) · out ${frames.out} (${invalid.out} invalid)`,
        ),
      ),
    );
  }
}
