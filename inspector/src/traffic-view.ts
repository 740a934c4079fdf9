// The live traffic list: newest first, one row per frame (time, user, direction, type, verdict,
// a one-line preview), a row expands to the frame as formatted JSON with its problems. Filters by
// user, type, direction and verdict; pause freezes the list while frames keep arriving.
import { clockTime, h, replaceChildren } from './dom.js';
import { UserNames, framePreview, problemLine, shownFrame } from './describe.js';
import { jsonView } from './json-view.js';
import type { TrafficRecord } from './live-client.js';

/** Frames kept in the page (the mock keeps its own ring buffer). */
const MAX_RECORDS = 5000;
/** Rows in the list at once. */
const MAX_ROWS = 400;
const NO_TYPE = '(none)';

export interface TrafficFilters {
  user: string;
  type: string;
  direction: string;
  verdict: string;
}

export interface TrafficViewElements {
  list: HTMLOListElement;
  user: HTMLSelectElement;
  type: HTMLSelectElement;
  direction: HTMLSelectElement;
  verdict: HTMLSelectElement;
  pause: HTMLButtonElement;
  clear: HTMLButtonElement;
  counts: HTMLElement;
  empty: HTMLElement;
}

export class TrafficView {
  private records: TrafficRecord[] = [];
  private readonly seen = new Set<number>();
  private readonly expanded = new Set<number>();
  private pausedAt: number | null = null;
  private pending = 0;
  private lastSeq = 0;
  private readonly knownTypes = new Set<string>();

  constructor(
    private readonly el: TrafficViewElements,
    private readonly names: UserNames,
    types: readonly string[],
  ) {
    for (const type of types) this.knownTypes.add(type);
    this.fillTypeFilter();
    for (const select of [el.user, el.type, el.direction, el.verdict])
      select.addEventListener('change', () => this.render());
    el.pause.addEventListener('click', () => this.setPaused(this.pausedAt === null));
    el.clear.addEventListener('click', () => this.clear());
    el.list.addEventListener('click', (event) => this.onClick(event));
    el.list.addEventListener('keydown', (event) => {
      if (
        (event.key === 'Enter' || event.key === ' ') &&
        (event.target as HTMLElement).classList.contains('row-head')
      ) {
        event.preventDefault();
        this.onClick(event);
      }
    });
    this.render();
  }

  get paused(): boolean {
    return this.pausedAt !== null;
  }

  /** Called when the fixture users are known: the user filter lists them. */
  usersChanged(): void {
    const current = this.el.user.value;
    replaceChildren(
      this.el.user,
      h('option', { value: '' }, 'all users'),
      this.names
        .all()
        .map((u) =>
          h('option', { value: String(u.id) }, `${u.first_name} ${u.last_name} (${u.id})${u.bot ? ' · bot' : ''}`),
        ),
    );
    this.el.user.value = current;
    if (this.el.user.value !== current) this.el.user.value = '';
    this.render();
  }

  /** The live channel started over (the mock restarted): forget what is shown. */
  reset(): void {
    this.records = [];
    this.seen.clear();
    this.expanded.clear();
    this.lastSeq = 0;
    this.pending = 0;
    if (this.pausedAt !== null) this.pausedAt = 0;
    this.render();
  }

  add(record: TrafficRecord): void {
    if (this.seen.has(record.seq)) return;
    this.seen.add(record.seq);
    this.records.push(record);
    this.lastSeq = Math.max(this.lastSeq, record.seq);
    if (this.records.length > MAX_RECORDS) {
      for (const old of this.records.splice(0, this.records.length - MAX_RECORDS)) {
        this.seen.delete(old.seq);
        this.expanded.delete(old.seq);
      }
    }
    if (record.type !== null && !this.knownTypes.has(record.type)) {
      this.knownTypes.add(record.type);
      this.fillTypeFilter();
    }
    if (this.pausedAt !== null) {
      if (this.matches(record)) this.pending++;
      this.updateChrome();
      return;
    }
    if (this.matches(record)) {
      this.el.list.prepend(this.row(record, true));
      while (this.el.list.childElementCount > MAX_ROWS) this.el.list.lastElementChild?.remove();
    }
    this.updateChrome();
  }

  setPaused(paused: boolean): void {
    this.pausedAt = paused ? this.lastSeq : null;
    this.pending = 0;
    if (!paused) this.render();
    else this.updateChrome();
  }

  private clear(): void {
    this.records = [];
    this.expanded.clear();
    this.pending = 0;
    this.render();
  }

  filters(): TrafficFilters {
    return {
      user: this.el.user.value,
      type: this.el.type.value,
      direction: this.el.direction.value,
      verdict: this.el.verdict.value,
    };
  }

  private matches(record: TrafficRecord): boolean {
    const f = this.filters();
    if (f.user && String(record.user_id) !== f.user) return false;
    if (f.type && (record.type ?? NO_TYPE) !== f.type) return false;
    if (f.direction && record.direction !== f.direction) return false;
    const fault = record.source === 'fault';
    if (f.verdict === 'valid' && (!record.valid || fault)) return false;
    if (f.verdict === 'invalid' && record.valid) return false;
    if (f.verdict === 'fault' && !fault) return false;
    return true;
  }

  private visible(): TrafficRecord[] {
    const limit = this.pausedAt;
    const shown: TrafficRecord[] = [];
    for (let i = this.records.length - 1; i >= 0 && shown.length < MAX_ROWS; i--) {
      const record = this.records[i];
      if (!record || (limit !== null && record.seq > limit)) continue;
      if (this.matches(record)) shown.push(record);
    }
    return shown;
  }

  render(): void {
    replaceChildren(
      this.el.list,
      this.visible().map((r) => this.row(r, false)),
    );
    if (this.pausedAt !== null) {
      this.pending = this.records.filter((r) => r.seq > (this.pausedAt ?? 0) && this.matches(r)).length;
    }
    this.updateChrome();
  }

  private updateChrome(): void {
    const total = this.records.length;
    const invalid = this.records.filter((r) => !r.valid).length;
    const rows = this.el.list.childElementCount;
    this.el.counts.textContent = `${rows} shown · ${total} frames · ${invalid} invalid`;
    this.el.pause.setAttribute('aria-pressed', String(this.paused));
    this.el.pause.classList.toggle('active', this.paused);
    this.el.pause.textContent = this.paused ? (this.pending ? `Resume (${this.pending} new)` : 'Resume') : 'Pause';
    this.el.empty.hidden = rows > 0;
    this.el.empty.dataset.reason = total > 0 ? 'filtered' : 'nothing';
  }

  private fillTypeFilter(): void {
    const current = this.el.type.value;
    replaceChildren(
      this.el.type,
      h('option', { value: '' }, 'all types'),
      [...this.knownTypes].sort().map((t) => h('option', { value: t }, t)),
      h('option', { value: NO_TYPE }, 'no type (not JSON…)'),
    );
    this.el.type.value = current;
  }

  private onClick(event: Event): void {
    const head = (event.target as HTMLElement).closest('.row-head');
    const row = head?.closest<HTMLLIElement>('li.row');
    if (!head || !row) return;
    const seq = Number(row.dataset.seq);
    const record = this.records.find((r) => r.seq === seq);
    if (!record) return;
    if (this.expanded.has(seq)) {
      this.expanded.delete(seq);
      row.querySelector('.row-details')?.remove();
      row.classList.remove('expanded');
      head.setAttribute('aria-expanded', 'false');
    } else {
      this.expanded.add(seq);
      row.append(this.details(record));
      row.classList.add('expanded');
      head.setAttribute('aria-expanded', 'true');
    }
  }

  /** What the other end of a client's socket is called: the mock, or on the proxy the server. */
  serverName = 'mock';

  private row(record: TrafficRecord, fresh: boolean): HTMLLIElement {
    if (record.source === 'fault') return this.faultRow(record, fresh);
    const verdict = record.valid ? 'valid' : 'invalid';
    const problem = record.valid
      ? ''
      : problemLine(record.problems, record.problems_omitted) || record.note || 'invalid';
    const expanded = this.expanded.has(record.seq);
    const direction =
      record.direction === 'in'
        ? { arrow: '→', label: 'in', title: `client → ${this.serverName}` }
        : { arrow: '←', label: 'out', title: `${this.serverName} → client` };
    const item = h(
      'li',
      {
        class: `row ${verdict} dir-${record.direction}${fresh ? ' fresh' : ''}${expanded ? ' expanded' : ''}`,
        'data-seq': record.seq,
        'data-verdict': verdict,
        'data-type': record.type ?? NO_TYPE,
        'data-user': record.user_id ?? '',
        'data-direction': record.direction,
      },
      h(
        'div',
        { class: 'row-head', role: 'button', tabindex: 0, 'aria-expanded': String(expanded), title: 'Show the frame' },
        h(
          'time',
          { class: 'cell-time', datetime: record.time, title: clockTime(record.time) },
          clockTime(record.time).slice(0, 8),
        ),
        h(
          'span',
          { class: `cell-dir dir-${record.direction}`, title: direction.title },
          `${direction.arrow} ${direction.label}`,
        ),
        h(
          'span',
          {
            class: 'cell-user',
            title: record.user_id === null ? '' : `${this.names.full(record.user_id)} (id ${record.user_id})`,
          },
          this.names.short(record.user_id),
        ),
        h('span', { class: 'cell-type' }, record.type ?? '—'),
        h('span', { class: `badge ${verdict}` }, verdict),
        h(
          'span',
          { class: 'cell-preview' },
          record.source !== 'socket' ? h('span', { class: `source source-${record.source}` }, record.source) : null,
          h('span', { class: 'preview-text' }, framePreview(record, this.names)),
          problem ? h('span', { class: 'problem-line' }, problem) : null,
        ),
      ),
    );
    if (expanded) item.append(this.details(record));
    return item;
  }

  /**
   * A fault: begun or ended (no type), or what it did to one frame (delayed, dropped, duplicated,
   * held), with the frame's type and preview.
   */
  private faultRow(record: TrafficRecord, fresh: boolean): HTMLLIElement {
    const fault = (record.frame as { fault?: unknown } | null)?.fault;
    const expanded = this.expanded.has(record.seq);
    const item = h(
      'li',
      {
        class: `row fault dir-${record.direction}${fresh ? ' fresh' : ''}${expanded ? ' expanded' : ''}`,
        'data-seq': record.seq,
        'data-verdict': 'fault',
        'data-fault': typeof fault === 'string' ? fault : '',
        'data-type': record.type ?? NO_TYPE,
        'data-user': record.user_id ?? '',
        'data-direction': record.direction,
      },
      h(
        'div',
        {
          class: 'row-head',
          role: 'button',
          tabindex: 0,
          'aria-expanded': String(expanded),
          title: 'Show the details',
        },
        h(
          'time',
          { class: 'cell-time', datetime: record.time, title: clockTime(record.time) },
          clockTime(record.time).slice(0, 8),
        ),
        h(
          'span',
          { class: `cell-dir dir-${record.direction}` },
          record.connection_id ? `${record.direction === 'in' ? '→' : '←'} ${record.direction}` : '',
        ),
        h('span', { class: 'cell-user' }, this.names.short(record.user_id)),
        h('span', { class: 'cell-type' }, record.type ?? '—'),
        h('span', { class: 'badge fault' }, typeof fault === 'string' ? fault.replace('_', ' ') : 'fault'),
        h(
          'span',
          { class: 'cell-preview' },
          h('span', { class: 'preview-text' }, record.note ?? ''),
          record.connection_id ? h('span', { class: 'problem-line fault-frame' }, record.preview) : null,
        ),
      ),
    );
    if (expanded) item.append(this.details(record));
    return item;
  }

  private details(record: TrafficRecord): HTMLElement {
    return h(
      'div',
      { class: 'row-details' },
      h(
        'dl',
        { class: 'meta' },
        h('dt', {}, 'seq'),
        h('dd', {}, String(record.seq)),
        h('dt', {}, 'time'),
        h('dd', {}, record.time),
        h('dt', {}, 'user'),
        h('dd', {}, record.user_id === null ? '—' : `${this.names.full(record.user_id)} (${record.user_id})`),
        h('dt', {}, 'connection'),
        h('dd', {}, record.connection_id ?? '— (not on a socket)'),
        h('dt', {}, 'source'),
        h('dd', {}, record.source),
      ),
      record.problems.length
        ? h(
            'ul',
            { class: 'problems' },
            record.problems.map((p) =>
              h(
                'li',
                {},
                h('code', {}, p.pointer || '(frame)'),
                ' ',
                h('span', { class: 'problem-code' }, p.code),
                ' ',
                p.message,
              ),
            ),
          )
        : null,
      record.problems_omitted ? h('p', { class: 'muted' }, `… and ${record.problems_omitted} more problems`) : null,
      !record.valid && !record.problems.length && record.note ? h('p', { class: 'muted' }, record.note) : null,
      record.truncated
        ? h(
            'p',
            { class: 'muted' },
            `The first ${String(record.frame).length} characters of a frame of ${record.bytes} bytes:`,
          )
        : null,
      jsonView(shownFrame(record)),
    );
  }
}
