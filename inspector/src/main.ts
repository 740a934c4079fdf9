// The inspector page: live traffic, the mock's state, and "act as". Data comes from the mock's
// HTTP side: GET /__mock/state, GET /asyncapi.json, the live channel GET /__mock/live (server-sent
// events), and POST /__mock/act-as/:userId. No token of a fixture user is needed. The faults bar
// and the connections (who broke the contract) serve the mock and the proxy alike; on the proxy
// (GET /healthz says `mode: "proxy"`) the world's panels give way to its connections.
import { CLIENT_EVENT_TYPES, SERVER_EVENT_TYPES, validateClientEvent } from '../../protocol/index.js';
import * as v2 from '../../protocol/v2/index.js';
import { ActAsPanel } from './act-as.js';
import { fetchConnections, fetchHealth, fetchSpec, fetchState, type Health, type MockState } from './api.js';
import { ConnectionsView } from './connections-view.js';
import { FaultsPanel } from './faults-panel.js';
import { UserNames } from './describe.js';
import { byId } from './dom.js';
import { connectLive, type LiveStatus } from './live-client.js';
import { clientEventTypes, protocolOf } from './schema-form.js';
import { StateView } from './state-view.js';
import { TrafficView } from './traffic-view.js';

const STATUS_TEXT: Record<LiveStatus, string> = {
  connecting: 'connecting…',
  live: '● live',
  reconnecting: '○ reconnecting…',
};

function showBanner(text: string): void {
  const banner = byId('banner');
  banner.textContent = text;
  banner.hidden = false;
}

/** Re-reads something when told it changed: one request at a time, and once more if told meanwhile. */
function refresher<T>(read: () => Promise<T>, apply: (value: T) => void, what: string): () => void {
  let running = false;
  let again = false;
  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        apply(await read());
      } while (again);
    } catch (err) {
      showBanner(`Could not read ${what}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      running = false;
    }
  };
  return () => void run();
}

function usersKey(state: MockState): string {
  return state.users.map((u) => `${u.id}:${u.first_name}:${u.last_name}:${u.bot}`).join('|');
}

function faultsPanel(names: UserNames): FaultsPanel {
  return new FaultsPanel(
    {
      bar: byId('faults'),
      active: byId('faults-active'),
      user: byId<HTMLSelectElement>('fault-user'),
      disconnect: byId<HTMLButtonElement>('fault-disconnect'),
      outageSeconds: byId<HTMLInputElement>('fault-outage-seconds'),
      outage: byId<HTMLButtonElement>('fault-outage'),
      stall: byId<HTMLButtonElement>('fault-stall'),
      linkForm: byId<HTMLFormElement>('fault-link-form'),
      clear: byId<HTMLButtonElement>('fault-clear'),
      message: byId('fault-message'),
    },
    names,
  );
}

/** On the proxy: no world of its own, so its connections and the upstream take the world's place. */
function proxyMode(health: Health, traffic: TrafficView): void {
  document.body.dataset.mode = 'proxy';
  document.title = 'Inspector · chats-ws proxy';
  byId('server-name').textContent = 'chats-ws proxy';
  traffic.serverName = 'server';
  const direction = byId<HTMLSelectElement>('filter-direction');
  for (const option of Array.from(direction.options))
    option.textContent = option.textContent?.replace('mock', 'server') ?? '';
  const wsPath = health.protocol === '2' ? '/ws/chat/' : '/ws/chats/';
  byId('ws-url').textContent = `ws://${location.host}${wsPath} → ${health.upstream ?? 'the upstream'}`;
  byId('ws-url').title = 'clients connect here; every frame is relayed to the upstream and judged on the way';
}

async function start(): Promise<void> {
  const names = new UserNames();
  const traffic = new TrafficView(
    {
      list: byId<HTMLOListElement>('traffic-list'),
      user: byId<HTMLSelectElement>('filter-user'),
      type: byId<HTMLSelectElement>('filter-type'),
      direction: byId<HTMLSelectElement>('filter-direction'),
      verdict: byId<HTMLSelectElement>('filter-verdict'),
      pause: byId<HTMLButtonElement>('traffic-pause'),
      clear: byId<HTMLButtonElement>('traffic-clear'),
      counts: byId('traffic-counts'),
      empty: byId('traffic-empty'),
    },
    names,
    [...new Set([...CLIENT_EVENT_TYPES, ...SERVER_EVENT_TYPES, ...v2.CLIENT_EVENT_TYPES, ...v2.SERVER_EVENT_TYPES])],
  );
  const connections = new ConnectionsView(byId('connections'), byId('connections-count'), names);
  const faults = faultsPanel(names);
  void faults.refresh();

  const health = await fetchHealth();
  let refresh: () => void;
  /** On the proxy, its counts per connection change with every frame: read again shortly after some. */
  let onFrame = (): void => undefined;
  if (health.mode === 'proxy') {
    proxyMode(health, traffic);
    refresh = refresher(
      fetchConnections,
      (list) => {
        connections.show(list);
        faults.setUsers(
          [...new Set(list.flatMap((c) => (c.user_id === null ? [] : [c.user_id])))].sort((a, b) => a - b),
        );
      },
      "the proxy's connections",
    );
    refresh();
    let soon: ReturnType<typeof setTimeout> | null = null;
    onFrame = () => {
      soon ??= setTimeout(() => {
        soon = null;
        refresh();
      }, 250);
    };
  } else {
    document.body.dataset.mode = 'mock';
    const [spec, initial] = await Promise.all([fetchSpec(), fetchState()]);
    // The act-as form checks frames as the mock does: against the version it speaks (the spec it serves).
    const validate = protocolOf(spec) === 2 ? v2.validateClientEvent : validateClientEvent;
    const act = new ActAsPanel(byId('act-as'), spec, clientEventTypes(spec), names, validate);
    const stateView = new StateView(byId('people'), byId('people-count'), byId('chats'), names, (chat) =>
      act.actIn(chat),
    );
    let knownUsers = '';
    const apply = (state: MockState): void => {
      const key = usersKey(state);
      if (key !== knownUsers) {
        knownUsers = key;
        names.set(state.users);
        traffic.usersChanged();
        act.setUsers(state.users);
        faults.setUsers(state.users.map((u) => u.id));
        const sample = state.users.find((u) => !u.bot) ?? state.users[0];
        const wsPath = protocolOf(spec) === 2 ? '/ws/chat/' : '/ws/chats/';
        byId('ws-url').textContent = `ws://${location.host}${wsPath}?token=${sample ? sample.token : '…'}`;
        byId('ws-url').title = sample ? `the token of ${sample.first_name} ${sample.last_name} (${sample.id})` : '';
      }
      stateView.show(state);
      act.setState(state);
      connections.show(state.connections.map((c) => ({ id: c.id, user_id: c.user_id, opened_at: c.opened_at })));
    };
    apply(initial);
    refresh = refresher(fetchState, apply, "the mock's state");
  }

  const status = byId('live-status');
  connectLive({
    hello: (hello) => {
      if (hello.reset) {
        traffic.reset();
        connections.reset();
      }
      byId('banner').hidden = true;
    },
    traffic: (record) => {
      traffic.add(record);
      connections.countRecord(record);
      onFrame();
      if (record.source === 'fault') void faults.refresh();
    },
    state: () => refresh(),
    status: (next) => {
      status.dataset.status = next;
      status.textContent = STATUS_TEXT[next];
    },
  });
  document.body.dataset.ready = 'true';
}

start().catch((err: unknown) => {
  showBanner(`The inspector could not start: ${err instanceof Error ? err.message : String(err)}`);
  document.body.dataset.ready = 'failed';
});
