// The faults bar: buttons for a disconnect, an outage, a stall and a degraded link (for everyone or
// one user), and every fault in force at a glance, each with a × to end it. It reads
// GET /__mock/faults after each action and whenever the traffic shows a fault record.
import { describeLink } from '../../mock-server/faults/rules.js';
import { type FaultsSnapshot, faultRequest, fetchFaults } from './api.js';
import type { UserNames } from './describe.js';
import { h, replaceChildren } from './dom.js';

export interface FaultsElements {
  bar: HTMLElement;
  active: HTMLElement;
  user: HTMLSelectElement;
  disconnect: HTMLButtonElement;
  outageSeconds: HTMLInputElement;
  outage: HTMLButtonElement;
  stall: HTMLButtonElement;
  linkForm: HTMLFormElement;
  clear: HTMLButtonElement;
  message: HTMLElement;
}

export class FaultsPanel {
  private snapshot: FaultsSnapshot | null = null;
  private readAt = 0;
  private ticker: ReturnType<typeof setInterval> | null = null;
  private reading = false;
  private again = false;

  constructor(
    private readonly el: FaultsElements,
    private readonly names: UserNames,
  ) {
    el.disconnect.addEventListener('click', () => void this.act('POST', '/__mock/disconnect', this.who()));
    el.outage.addEventListener(
      'click',
      () => void this.act('POST', '/__mock/outage', { seconds: Number(el.outageSeconds.value) || 10 }),
    );
    el.stall.addEventListener(
      'click',
      () =>
        void (this.snapshot?.stall
          ? this.act('DELETE', '/__mock/stall')
          : this.act('POST', '/__mock/stall', this.who())),
    );
    el.clear.addEventListener('click', () => void this.act('DELETE', '/__mock/faults'));
    el.linkForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.act('POST', '/__mock/faults', this.link()).then((done) => {
        const details = el.linkForm.closest('details');
        if (done && details) details.open = false;
      });
    });
    el.active.addEventListener('click', (event) => {
      const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-end]');
      if (button?.dataset.end) void this.act('DELETE', button.dataset.end);
    });
  }

  /** The users the faults may be narrowed to (the select keeps its choice when it still can). */
  setUsers(ids: readonly number[]): void {
    const current = this.el.user.value;
    replaceChildren(
      this.el.user,
      h('option', { value: '' }, 'everyone'),
      ids.map((id) =>
        h('option', { value: String(id) }, this.names.get(id) ? `${this.names.short(id)} (${id})` : `user ${id}`),
      ),
    );
    this.el.user.value = ids.some((id) => String(id) === current) ? current : '';
  }

  /** Reads the faults in force again (one request at a time, once more if asked meanwhile). */
  async refresh(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = true;
    try {
      do {
        this.again = false;
        this.snapshot = await fetchFaults();
        this.readAt = Date.now();
        this.render();
      } while (this.again);
    } catch (err) {
      this.say(`Could not read the faults: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.reading = false;
    }
  }

  private who(): { user?: number } {
    return this.el.user.value ? { user: Number(this.el.user.value) } : {};
  }

  private link(): Record<string, unknown> {
    const form = new FormData(this.el.linkForm);
    const number = (name: string): number => Number(form.get(name) ?? 0) || 0;
    const direction = String(form.get('direction') ?? '');
    return {
      latency_ms: Math.round(number('latency_ms')),
      jitter_ms: Math.round(number('jitter_ms')),
      drop_rate: number('drop_pct') / 100,
      duplicate_rate: number('duplicate_pct') / 100,
      ...(direction ? { direction } : {}),
      ...this.who(),
    };
  }

  /** Calls a fault endpoint; true when it did what was asked (else its error is shown). */
  private async act(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<boolean> {
    this.say('');
    let done = false;
    try {
      const result = await faultRequest(method, path, body);
      if (result.ok) done = true;
      else this.say(result.error);
    } catch (err) {
      this.say(err instanceof Error ? err.message : String(err));
    }
    await this.refresh();
    return done;
  }

  private say(text: string): void {
    this.el.message.textContent = text;
    this.el.message.hidden = !text;
  }

  private render(): void {
    const snapshot = this.snapshot;
    if (!snapshot) return;
    const chips: HTMLElement[] = [];
    const elapsed = (Date.now() - this.readAt) / 1000;
    if (snapshot.outage) {
      const left = Math.max(0, Math.ceil(snapshot.outage.seconds_left - elapsed));
      chips.push(this.chip('outage', `outage · HTTP ${snapshot.outage.status} · ${left} s left`, '/__mock/outage'));
    }
    if (snapshot.stall) {
      const who = snapshot.stall.user === null ? 'everyone' : this.names.short(snapshot.stall.user);
      const n = snapshot.stall.connections.length;
      chips.push(this.chip('stall', `stall · ${who} · ${n} connection${n === 1 ? '' : 's'}`, '/__mock/stall'));
    }
    for (const link of snapshot.links)
      chips.push(this.chip('link', `#${link.id} ${describeLink(link)}`, `/__mock/faults/${link.id}`));
    replaceChildren(
      this.el.active,
      chips.length ? chips : h('li', { class: 'muted' }, 'none: the connection is healthy'),
    );
    this.el.bar.dataset.active = String(chips.length);
    this.el.bar.classList.toggle('has-faults', chips.length > 0);
    this.el.stall.setAttribute('aria-pressed', String(snapshot.stall !== null));
    this.el.stall.classList.toggle('active', snapshot.stall !== null);
    this.el.stall.textContent = snapshot.stall ? 'End stall' : 'Stall';
    // An outage counts down on the page, and the faults are read again when it should be over.
    if (snapshot.outage && !this.ticker)
      this.ticker = setInterval(() => {
        const over =
          !this.snapshot?.outage || this.snapshot.outage.seconds_left - (Date.now() - this.readAt) / 1000 <= 0;
        if (over) void this.refresh();
        else this.render();
      }, 1000);
    if (!snapshot.outage && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = null;
    }
  }

  private chip(kind: string, text: string, end: string): HTMLLIElement {
    return h(
      'li',
      { class: `fault-chip fault-${kind}`, 'data-fault': kind },
      h('span', {}, text),
      h(
        'button',
        { type: 'button', class: 'chip-end', 'data-end': end, title: 'End it', 'aria-label': `End: ${text}` },
        '×',
      ),
    );
  }
}
