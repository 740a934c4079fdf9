// The reference backend's later web frontend against `npm run mock -- --protocol 2`: it loads its
// lists and history over HTTP from its own origin, connects to /ws/chat/ both ways it ever did,
// and sends text + file_urls, edits, deletes, reads and types in a direct and a project chat.
// Nothing is refused, every HTTP call is answered, and every frame both ways and every answer is
// valid against version 2's AsyncAPI and OpenAPI documents. The mock runs as the CLI starts it,
// simulated users on (ten times faster), so their frames are checked too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../protocol/v2/index.js';
import { startMockCli } from '../mock/cli-process.js';
import { FRONTEND_ORIGIN, LaterFrontend } from './later-frontend.js';

interface Page {
  count: number;
  next: string | null;
  previous: string | null;
  results: Message[];
}

const FILE = 'https://api.example.com/media/chat_files/agenda%20v2.pdf';
let mock: ReturnType<typeof startMockCli>;
let url = '';
let anna: LaterFrontend; // user 12, leader of project 7
let james: LaterFrontend; // user 23, collaborator in project 7

beforeAll(async () => {
  mock = startMockCli(['--protocol', '2', '--port', '0', '--bot-speed', '0.1', '--log', 'silent']);
  url = (await mock.waitFor(/listening on (http:\/\/\S+)/))[1] ?? '';
  const users = (await (await fetch(`${url}/__mock/users`)).json()) as { id: number; token: string }[];
  const token = (id: number) => users.find((u) => u.id === id)?.token ?? '';
  anna = new LaterFrontend(url, 12, token(12));
  james = new LaterFrontend(url, 23, token(23));
}, 60_000);

afterAll(() => {
  anna?.close();
  james?.close();
  mock?.child.kill('SIGTERM');
});

describe('the later frontend against the mock speaking protocol 2', () => {
  it('prints that it speaks protocol 2, with /ws/chat/ and the history endpoints', () => {
    const { stdout } = mock.output();
    expect(stdout).toMatch(/\(protocol 2, 10 users, seed 42, bots on\)/);
    expect(stdout).toContain(`WebSocket    ${url.replace('http', 'ws')}/ws/chat/`);
    expect(stdout).toContain(`History      ${url}/chats/directs/`);
  });

  it('loads its chat lists over HTTP before the socket says anything', async () => {
    const directs =
      await anna.load<{ id: string; opponent: { id: number }; last_message: Message | null }[]>('/chats/directs/');
    expect(directs.map((c) => c.id)).toContain('12_23');
    const chat = directs.find((c) => c.id === '12_23');
    expect(chat?.opponent.id).toBe(23);
    expect(chat?.last_message?.id).toBe(54);
    const projects = await james.load<{ id: number; project: number; name: string }[]>('/chats/projects/');
    expect(projects.map((p) => p.id)).toEqual([7, 42]);
    expect(await anna.load('/chats/has-unreads')).toEqual({ has_unreads: true });
  });

  it('opens a direct chat: the chat, one page of its history newest first, its files', async () => {
    const chat = await anna.load<{ id: string; name: string }>('/chats/directs/12_23/');
    expect(chat).toMatchObject({ id: '12_23', name: 'James Carter' });
    const page = await anna.load<Page>('/chats/directs/12_23/messages/?offset=0&limit=3');
    expect(page.count).toBe(5);
    expect(page.results.map((m) => m.id)).toEqual([54, 48, 39]);
    expect(page.previous).toBeNull();
    expect(page.next).toBe(`${url}/chats/directs/12_23/messages/?limit=3&offset=3`);
    const older = await anna.load<Page>(page.next?.slice(url.length) ?? '');
    expect(older.results.map((m) => m.id)).toEqual([36, 12]);
    expect(older).toMatchObject({ next: null, previous: `${url}/chats/directs/12_23/messages/?limit=3` });
    expect(await anna.load('/chats/directs/12_23/files/')).toEqual([]);
  });

  it('connects to /ws/chat/ with the ["Bearer", token] subprotocol, and with ?token=', async () => {
    await anna.connect('subprotocol');
    expect(anna.protocol).toBe('Bearer');
    await james.connect('query');
    await anna.next('set_online', (e) => e.content.user_id === 23);
  });

  let sent = 0;
  it('direct chat: types, sends text with file_urls as a reply, reads, edits, deletes', async () => {
    anna.send({ type: 'user_typing', content: { chat_type: 'direct', chat_id: '12_23' } });
    const typing = await james.next('user_typing', (e) => e.content.user_id === 12);
    expect(typing.content).toMatchObject({ chat_type: 'direct', chat_id: '12_23' });

    anna.send({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '12_23', text: '  see the agenda  ', reply_to: 54, file_urls: [FILE] },
    });
    const mine = await anna.next('new_message', (e) => e.content.chat_id === '12_23');
    const theirs = await james.next('new_message', (e) => e.content.chat_id === '12_23');
    expect(theirs).toEqual(mine);
    const message = mine.content.message;
    sent = message.id;
    expect(message).toMatchObject({
      author: { id: 12, first_name: 'Анна', is_online: true },
      text: 'see the agenda',
      reply_to: { id: 54, author: { id: 23 }, text: 'Can we sync at 2 pm?', reply_to: null },
      is_read: false,
      is_deleted: false,
      is_edited: false,
      files: [
        {
          name: 'agenda v2',
          extension: 'pdf',
          mime_type: 'application/pdf',
          size: 0,
          link: FILE,
          user: 12,
          datetime_uploaded: message.created_at,
        },
      ],
    });

    james.send({ type: 'message_read', content: { chat_type: 'direct', chat_id: '12_23', message_id: sent } });
    for (const client of [anna, james]) {
      const read = await client.next('message_read', (e) => e.content.message_id === sent);
      expect(read.content).toEqual({ chat_type: 'direct', chat_id: '12_23', user_id: 23, message_id: sent });
    }

    anna.send({
      type: 'edit_message',
      content: { chat_type: 'direct', chat_id: '12_23', message_id: sent, text: 'the agenda, v2' },
    });
    for (const client of [anna, james]) {
      const edited = await client.next('edit_message', (e) => e.content.message.id === sent);
      expect(edited.content.chat_id).toBe('12_23');
      expect(edited.content.message).toMatchObject({ text: 'the agenda, v2', is_edited: true, is_read: true });
    }

    // The history over HTTP says the same at once: the edited, read message first, with its file.
    const page = await james.load<Page>('/chats/directs/12_23/messages/?limit=1');
    expect(page.count).toBe(6);
    expect(page.results[0]).toMatchObject({ id: sent, text: 'the agenda, v2', is_edited: true, is_read: true });
    expect(await james.load('/chats/directs/12_23/files')).toEqual(message.files);

    anna.send({ type: 'delete_message', content: { chat_type: 'direct', chat_id: '12_23', message_id: sent } });
    for (const client of [anna, james]) {
      const deleted = await client.next('delete_message', (e) => e.content.message_id === sent);
      expect(deleted.content).toEqual({ chat_type: 'direct', chat_id: '12_23', message_id: sent });
    }
    const after = await anna.load<Page>('/chats/directs/12_23/messages/');
    expect(after.count).toBe(5);
    expect(after.results.map((m) => m.id)).not.toContain(sent);
  });

  it('project chat: ids go out as "7" and come back as 7; types, sends, reads, edits, deletes', async () => {
    await anna.load('/chats/projects/7/');
    await anna.load<Page>('/chats/projects/7/messages/?offset=0&limit=20');
    anna.send({ type: 'user_typing', content: { chat_type: 'project', chat_id: '7' } });
    for (const client of [anna, james]) {
      const typing = await client.next(
        'user_typing',
        (e) => e.content.user_id === 12 && e.content.chat_type === 'project',
      );
      expect(typing.content.chat_id).toBe(7);
    }
    james.send({
      type: 'new_message',
      content: { chat_type: 'project', chat_id: '7', text: 'Созвон в 15:00?', reply_to: null, file_urls: [] },
    });
    const received = await anna.next(
      'new_message',
      (e) => e.content.chat_id === 7 && e.content.message.author.id === 23,
    );
    const id = received.content.message.id;
    expect(received.content.message).toMatchObject({ text: 'Созвон в 15:00?', reply_to: null, files: [] });
    await james.next('new_message', (e) => e.content.message.id === id);

    anna.send({ type: 'message_read', content: { chat_type: 'project', chat_id: '7', message_id: id } });
    const read = await james.next('message_read', (e) => e.content.message_id === id);
    expect(read.content).toEqual({ chat_type: 'project', chat_id: 7, user_id: 12, message_id: id });

    james.send({
      type: 'edit_message',
      content: { chat_type: 'project', chat_id: '7', message_id: id, text: 'Созвон в 16:00?' },
    });
    const edited = await anna.next('edit_message', (e) => e.content.message.id === id);
    expect(edited.content).toMatchObject({ chat_id: 7, message: { text: 'Созвон в 16:00?', is_edited: true } });

    const chats = await anna.load<{ id: number; last_message: Message | null }[]>('/chats/projects/');
    expect(chats.find((c) => c.id === 7)?.last_message).toMatchObject({ id, text: 'Созвон в 16:00?' });

    james.send({ type: 'delete_message', content: { chat_type: 'project', chat_id: '7', message_id: id } });
    const deleted = await anna.next('delete_message', (e) => e.content.message_id === id);
    expect(deleted.content).toEqual({ chat_type: 'project', chat_id: 7, message_id: id });
    expect(await james.load('/chats/projects/7/files/')).toEqual([]);
  });

  it('a simulated user answers in protocol 2 too', async () => {
    anna.send({
      type: 'new_message',
      content: { chat_type: 'direct', chat_id: '5_12', text: 'Привет!', reply_to: null, file_urls: [] },
    });
    const answer = await anna.next(
      'new_message',
      (e) => e.content.chat_id === '5_12' && e.content.message.author.id === 5,
      15_000,
    );
    expect(answer.content.message.files).toEqual([]);
  }, 20_000);

  it('nothing was refused, every HTTP call was answered, every frame and answer is valid against version 2', async () => {
    for (const client of [anna, james]) {
      expect(client.refusals).toEqual([]);
      expect(client.sent.filter((s) => s.problems.length > 0)).toEqual([]);
      expect(client.received.filter((r) => r.problems.length > 0)).toEqual([]);
      expect(client.received.length).toBeGreaterThan(5);
      expect(
        client.calls.filter((c) => c.status !== 200 || c.problems.length > 0 || c.allowOrigin !== FRONTEND_ORIGIN),
      ).toEqual([]);
    }
    expect(anna.calls.length + james.calls.length).toBeGreaterThanOrEqual(14);
    const health = (await (await fetch(`${url}/healthz`)).json()) as {
      outgoingViolations: number;
      history: { requests: number; violations: number };
    };
    expect(health.outgoingViolations).toBe(0);
    expect(health.history.violations).toBe(0);
    expect(health.history.requests).toBe(anna.calls.length + james.calls.length);
  });
});
