// The inspector page: live traffic, the mock's state, and "act as". Data comes from the mock's
// HTTP side: GET /__mock/state, GET /asyncapi.json, the live channel GET /__mock/live (server-sent
// events), and POST /__mock/act-as/:userId. No token of a fixture user is needed.
import { CLIENT_EVENT_TYPES, SERVER_EVENT_TYPES, validateClientEvent } from '../../protocol/index.js';
import * as v2 from '../../protocol/v2/index.js';
import { ActAsPanel } from './act-as.js';
import { fetchSpec, fetchState, type MockState } from './api.js';
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

/** Re-reads the state when told it changed: one request at a time, and once more if told meanwhile. */
function stateRefresher(apply: (state: MockState) => void): () => void {
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
        apply(await fetchState());
      } while (again);
    } catch (err) {
      showBanner(`Could not read the mock's state: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      running = false;
    }
  };
  return () => void run();
}

function usersKey(state: MockState): string {
  return state.users.map((u) => `${u.id}:${u.first_name}:${u.last_name}:${u.bot}`).join('|');
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
      const sample = state.users.find((u) => !u.bot) ?? state.users[0];
      const wsPath = protocolOf(spec) === 2 ? '/ws/chat/' : '/ws/chats/';
      byId('ws-url').textContent = `ws://${location.host}${wsPath}?token=${sample ? sample.token : '…'}`;
      byId('ws-url').title = sample ? `the token of ${sample.first_name} ${sample.last_name} (${sample.id})` : '';
    }
    stateView.show(state);
    act.setState(state);
  };
  apply(initial);
  const refresh = stateRefresher(apply);

  const status = byId('live-status');
  connectLive({
    hello: (hello) => {
      if (hello.reset) traffic.reset();
      byId('banner').hidden = true;
    },
    traffic: (record) => traffic.add(record),
    state: refresh,
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
