// Simulated users. Message a bot in a direct chat and, after human-like delays, it reads your
// message, types, and answers; in project chats with a connected member, bots now and then type
// and post. Delays and choices come from a generator seeded with the server's seed, words from
// faker reseeded from it before each use; `speed` multiplies every delay (0.01 in tests).
// stop() clears every timer.
import type { Faker } from '@faker-js/faker';
import { faker as enFaker } from '@faker-js/faker/locale/en';
import { faker as ruFaker } from '@faker-js/faker/locale/ru';
import type { ClientEvent } from '../../protocol/index.js';
import { type Delivery, type DomainEvent, projectMemberIds } from '../domain/index.js';
import { BOT_REPLIES, type Lang, chatLine } from '../world/fixture-texts.js';
import type { Hub } from '../hub/hub.js';
import { type Random, seededRandom } from '../world/random.js';

export interface BotOptions {
  hub: Hub;
  seed: number;
  /** Multiplies every delay: 1 is human pace, 0.01 a hundred times faster. */
  speed?: number;
  /** Whether bots post in project chats now and then (default true). */
  projectChatter?: boolean;
}

/** Typing indicators last 5 s: a long answer re-sends user_typing this often. */
const TYPING_REFRESH_MS = 4000;

const langOf = (firstName: string): Lang => (/[а-яё]/i.test(firstName) ? 'ru' : 'en');

export class Bots {
  private readonly random: Random;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Direct chats a bot is busy answering, with messages that arrived meanwhile. */
  private readonly busy = new Map<string, number[]>();
  private readonly unsubscribe: () => void;
  private readonly speed: number;
  private stopped = false;

  constructor(private readonly options: BotOptions) {
    this.random = seededRandom(options.seed);
    this.speed = Math.max(0, options.speed ?? 1);
    this.unsubscribe = options.hub.onAccepted((userId, event, deliveries) => this.observe(userId, event, deliveries));
    if (options.projectChatter ?? true) this.scheduleChatter();
  }

  /** Clears every timer; the bots stay quiet from then on. */
  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.busy.clear();
  }

  /** Forgets conversations in progress (the world was replaced). */
  reset(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.busy.clear();
    if (!this.stopped && (this.options.projectChatter ?? true)) this.scheduleChatter();
  }

  /** Faker for words, reseeded from the bots' own generator (the instance is shared with the fixtures). */
  private wordsIn(lang: Lang): Faker {
    const faker = lang === 'ru' ? ruFaker : enFaker;
    faker.seed(this.random.int(0, 2 ** 31 - 1));
    return faker;
  }

  private isBot(userId: number): boolean {
    return this.options.hub.world.users.get(userId)?.bot ?? false;
  }

  private later(min: number, max: number, action: () => void): void {
    if (this.stopped) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        if (!this.stopped) action();
      },
      this.random.int(min, max) * this.speed,
    );
    this.timers.add(timer);
  }

  /** Sends as the bot would on a socket: a frame of the protocol version the mock speaks. */
  private act(botId: number, event: ClientEvent): boolean {
    const { hub } = this.options;
    return hub.act(botId, hub.dialect.clientFrame(event), 'bot').ok;
  }

  private observe(userId: number, event: DomainEvent, deliveries: readonly Delivery[]): void {
    if (event.type !== 'new_message' || event.content.chat_type !== 'direct' || this.isBot(userId)) return;
    const chatId = event.content.chat_id;
    const botId = chatId
      .split('_')
      .map(Number)
      .find((id) => id !== userId);
    const stored = deliveries[0]?.event;
    if (botId === undefined || !this.isBot(botId) || stored?.type !== 'new_message') return;
    const pending = this.busy.get(chatId);
    if (pending) return void pending.push(stored.content.message.id);
    this.busy.set(chatId, [stored.content.message.id]);
    this.converse(botId, chatId);
  }

  /** Read what is pending, type, answer; then start over if more arrived meanwhile. */
  private converse(botId: number, chatId: string): void {
    this.later(800, 2500, () => {
      const unread = this.busy.get(chatId) ?? [];
      this.busy.set(chatId, []);
      for (const messageId of unread)
        this.act(botId, {
          type: 'message_read',
          content: { chat_type: 'direct', chat_id: chatId, message_id: messageId },
        });
      const lastRead = unread.at(-1) ?? null;
      this.later(400, 1500, () => {
        const user = this.options.hub.world.users.get(botId);
        const text = this.random.pick(BOT_REPLIES[langOf(user?.first_name ?? '')]);
        const replyTo = lastRead !== null && this.random.next() < 0.3 ? lastRead : null;
        this.typeThenSend(
          botId,
          { type: 'new_message', content: { chat_type: 'direct', chat_id: chatId, message: text, reply_to: replyTo } },
          () => {
            const more = this.busy.get(chatId) ?? [];
            if (more.length > 0) this.converse(botId, chatId);
            else this.busy.delete(chatId);
          },
        );
      });
    });
  }

  /** user_typing (refreshed while typing a long text), then the message. */
  private typeThenSend(botId: number, message: Extract<ClientEvent, { type: 'new_message' }>, done: () => void): void {
    const { chat_type, chat_id } = message.content;
    const typing = { type: 'user_typing', content: { chat_type, chat_id } } as ClientEvent;
    let remaining = Math.min(9000, Math.max(1200, message.content.message.length * 70));
    const step = (): void => {
      if (!this.act(botId, typing)) return done();
      const slice = Math.min(remaining, TYPING_REFRESH_MS);
      remaining -= slice;
      this.later(slice, slice + 300, () => {
        if (remaining > 0) return step();
        this.act(botId, message);
        done();
      });
    };
    step();
  }

  /** Now and then, a bot member of a project chat with a connected member posts there. */
  private scheduleChatter(): void {
    this.later(20_000, 60_000, () => {
      const { hub } = this.options;
      const candidates: [number, number][] = [];
      for (const project of hub.world.projects.values()) {
        const members = projectMemberIds(project);
        if (!members.some((id) => hub.connections.isConnected(id))) continue;
        for (const id of members) if (this.isBot(id)) candidates.push([id, project.id]);
      }
      if (candidates.length > 0) {
        const [botId, projectId] = this.random.pick(candidates);
        const user = hub.world.users.get(botId);
        const project = hub.world.projects.get(projectId);
        const lang = langOf(user?.first_name ?? '');
        const text = chatLine(this.wordsIn(lang), lang, project?.title ?? '');
        this.typeThenSend(
          botId,
          { type: 'new_message', content: { chat_type: 'project', chat_id: projectId, message: text, reply_to: null } },
          () => undefined,
        );
      }
      this.scheduleChatter();
    });
  }
}
