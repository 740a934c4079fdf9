// The seeded fixture world: 10 users (3 of them simulated), projects 1, 7 and 42, eight direct
// chats and 54 messages. Ids are fixed so the protocol document's examples work as they are:
// user 12 (Анна Смирнова) and user 23 (James Carter) share the direct chat "12_23" and project 7,
// and the newest message, 54, is user 23's in "12_23" (so the next one gets id 55). Names, texts
// and times come from faker seeded with `seed`; times are offsets before `now` (by default the
// start of the current UTC hour), so the history is recent and two starts with the same seed in
// the same hour give the same world, timestamps included.
import type { Faker } from '@faker-js/faker';
// The per-locale entries load one locale each (the package's root loads them all: slower start).
import { faker as enFaker } from '@faker-js/faker/locale/en';
import { faker as ruFaker } from '@faker-js/faker/locale/ru';
import type { WorldData } from '../domain/index.js';
import type { Project, StoredMessage, WorldUser } from '../domain/index.js';
import { PROJECT_TITLES, chatLine } from './fixture-texts.js';
import type { Lang } from './lang.js';
import { DEFAULT_DEV_SECRET, FAR_FUTURE_EXP, signJwt } from '../gateway/jwt.js';

interface UserPlan {
  id: number;
  lang: Lang;
  bot?: true;
  pinned?: Pick<WorldUser, 'first_name' | 'last_name' | 'avatar'>;
}

const avatarUrl = (id: number): string => `https://i.pravatar.cc/150?u=${id}`;

const USERS: readonly UserPlan[] = [
  { id: 3, lang: 'ru' },
  { id: 5, lang: 'en', bot: true },
  { id: 8, lang: 'ru' },
  { id: 9, lang: 'en' },
  { id: 10, lang: 'ru', bot: true },
  { id: 12, lang: 'ru', pinned: { first_name: 'Анна', last_name: 'Смирнова', avatar: null } },
  { id: 15, lang: 'en', bot: true },
  { id: 23, lang: 'en', pinned: { first_name: 'James', last_name: 'Carter', avatar: avatarUrl(23) } },
  { id: 27, lang: 'ru' },
  { id: 31, lang: 'en' },
];

const PROJECTS: readonly Omit<Project, 'title'>[] = [
  { id: 1, leader_id: 3, collaborator_ids: [5, 8, 9, 12] },
  { id: 7, leader_id: 12, collaborator_ids: [10, 15, 23, 27] },
  { id: 42, leader_id: 23, collaborator_ids: [3, 9, 10, 31] },
];

const DIRECT_CHATS: readonly [number, number][] = [
  [12, 23],
  [9, 10],
  [3, 12],
  [10, 12],
  [12, 15],
  [5, 23],
  [8, 9],
  [23, 31],
];

/** Messages before the last one (54, by user 23 in "12_23"). */
const HISTORY_SIZE = 53;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The start of the current UTC hour: the default `now` the history is placed before. */
export const currentHour = (nowMs = Date.now()): Date => new Date(Math.floor(nowMs / HOUR) * HOUR);

export interface FixtureOptions {
  seed?: number;
  now?: Date;
  /** The secret the users' tokens are signed with. */
  secret?: string;
}

export function userToken(userId: number, secret: string): string {
  return signJwt({ token_type: 'access', user_id: userId, exp: FAR_FUTURE_EXP }, secret);
}

/** The user's language, as the fixtures chose it (English for users not in the fixture plan). */
export const userLang = (userId: number): Lang => USERS.find((u) => u.id === userId)?.lang ?? 'en';

function makeUsers(fakers: Record<Lang, Faker>, secret: string): WorldUser[] {
  return USERS.map((plan) => {
    const f = fakers[plan.lang];
    const sex = f.person.sexType();
    const named = plan.pinned ?? {
      first_name: f.person.firstName(sex),
      last_name: f.person.lastName(sex),
      avatar: f.datatype.boolean() ? avatarUrl(plan.id) : null,
    };
    return { id: plan.id, ...named, bot: plan.bot ?? false, token: userToken(plan.id, secret) };
  });
}

function makeProjects(fakers: Record<Lang, Faker>): Project[] {
  const titles = {
    ru: fakers.ru.helpers.shuffle([...PROJECT_TITLES.ru]),
    en: fakers.en.helpers.shuffle([...PROJECT_TITLES.en]),
  };
  return PROJECTS.map((p) => ({
    ...p,
    collaborator_ids: [...p.collaborator_ids],
    title: titles[userLang(p.leader_id)].pop() ?? `Project ${p.id}`,
  }));
}

interface ChatPlan {
  chat_type: 'direct' | 'project';
  chat_id: string | number;
  members: number[];
  topic: string;
}

function makeMessages(fakers: Record<Lang, Faker>, projects: Project[], nowMs: number): StoredMessage[] {
  const f = fakers.en;
  const chats: ChatPlan[] = [
    ...DIRECT_CHATS.map(([a, b]) => ({
      chat_type: 'direct' as const,
      chat_id: `${a}_${b}`,
      members: [a, b],
      topic: f.helpers.arrayElement(projects).title,
    })),
    ...projects.map((p) => ({
      chat_type: 'project' as const,
      chat_id: p.id,
      members: [p.leader_id, ...p.collaborator_ids],
      topic: p.title,
    })),
  ];
  // Every chat gets two messages ("12_23" four), the rest go anywhere; then they are laid on a
  // sorted timeline.
  const first = chats[0] as ChatPlan; // "12_23"
  const slots = [...chats, ...chats, first, first];
  while (slots.length < HISTORY_SIZE) slots.push(f.helpers.arrayElement(chats));
  const order = f.helpers.shuffle(slots);
  const times = Array.from(
    { length: HISTORY_SIZE },
    () => nowMs - f.number.int({ min: 15 * MINUTE, max: 3 * 24 * 60 * MINUTE }),
  ).sort((a, b) => a - b);
  const messages: StoredMessage[] = [];
  const make = (chat: ChatPlan, time: number, author: number): StoredMessage => {
    const previous = messages.filter((m) => m.chat_id === chat.chat_id).slice(-3);
    const reply = previous.length > 0 && f.number.float() < 0.2 ? f.helpers.arrayElement(previous).id : null;
    let text = chatLine(fakers[userLang(author)], userLang(author), chat.topic);
    for (let tries = 0; tries < 3 && previous.some((m) => m.text === text); tries++) {
      text = chatLine(fakers[userLang(author)], userLang(author), chat.topic);
    }
    return {
      id: messages.length + 1,
      chat_type: chat.chat_type,
      chat_id: chat.chat_id,
      author_id: author,
      text,
      reply_to: reply,
      created_at: new Date(time).toISOString(),
      is_read: false,
      is_deleted: false,
    };
  };
  order.forEach((chat, i) => messages.push(make(chat, times[i] ?? nowMs, f.helpers.arrayElement(chat.members))));
  messages.push(make(first, nowMs - f.number.int({ min: 2, max: 10 }) * MINUTE, 23));
  markRead(messages, nowMs);
  const deleted = messages[f.number.int({ min: 1, max: HISTORY_SIZE - 1 })];
  if (deleted) deleted.is_deleted = true;
  return messages;
}

/** Read: someone else wrote later in the chat, or (direct chats) it is older than six hours. */
function markRead(messages: StoredMessage[], nowMs: number): void {
  messages.forEach((m, i) => {
    const answered = messages
      .slice(i + 1)
      .some((later) => later.chat_id === m.chat_id && later.author_id !== m.author_id);
    const old = m.chat_type === 'direct' && nowMs - Date.parse(m.created_at) > 6 * 60 * MINUTE;
    m.is_read = answered || old;
  });
}

/** The seeded world. */
export function buildFixtureWorld(options: FixtureOptions = {}): WorldData {
  const seed = options.seed ?? 42;
  // Shared instances, seeded here and drawn from synchronously: nothing else can interleave.
  const fakers: Record<Lang, Faker> = { ru: ruFaker, en: enFaker };
  fakers.ru.seed(seed);
  fakers.en.seed(seed + 1);
  const users = makeUsers(fakers, options.secret ?? DEFAULT_DEV_SECRET);
  const projects = makeProjects(fakers);
  const messages = makeMessages(fakers, projects, (options.now ?? currentHour()).getTime());
  return { users, projects, messages };
}
