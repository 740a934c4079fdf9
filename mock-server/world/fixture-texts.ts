// What people write in the fixture chats and what the simulated users answer, in Russian and
// English, picked by a seeded faker so the same seed gives the same words.
import type { Faker } from '@faker-js/faker';
import type { Lang } from './lang.js';

export type { Lang } from './lang.js';

export const PROJECT_TITLES: Record<Lang, readonly string[]> = {
  ru: [
    'Редизайн личного кабинета',
    'Мобильное приложение для курьеров',
    'Миграция на новый биллинг',
    'Чат поддержки',
    'Аналитика продаж',
  ],
  en: ['Checkout revamp', 'Partner API v2', 'Design system', 'Onboarding flow', 'Search relevance'],
};

const branch = (f: Faker): string =>
  `feature/${f.helpers.arrayElement(['auth', 'chat', 'billing', 'search', 'profile'])}-${f.number.int({ min: 100, max: 999 })}`;

const LINES: Record<Lang, readonly ((f: Faker, topic: string) => string)[]> = {
  ru: [
    () => 'Привет! Как дела?',
    (f) => `Созвон в ${f.number.int({ min: 10, max: 18 })}:${f.helpers.arrayElement(['00', '30'])}?`,
    () => 'Посмотрел макеты, в целом ок 👍',
    (f) => `Залил правки в ветку ${branch(f)}`,
    (_f, topic) => `По задаче «${topic}» есть вопросы, напишу позже`,
    () => 'Спасибо!',
    () => 'Да, давай так и сделаем',
    (f) => `Дедлайн сдвигается на ${f.number.int({ min: 2, max: 4 })} дня`,
    () => 'Кто может сделать ревью?',
    () => 'Я сегодня до шести, потом без связи',
    (f) => `Скинул файл ${f.system.commonFileName('pdf')}`,
    () => 'Сейчас проверю и отпишусь',
    () => 'Отлично, мержу',
    () => 'На стейдже всё работает',
  ],
  en: [
    () => 'Hey, how is it going?',
    (f) => `Can we sync at ${f.number.int({ min: 1, max: 5 })} pm?`,
    () => 'Looks good to me 👍',
    (f) => `Pushed the fix to ${branch(f)}`,
    (_f, topic) => `A few questions about "${topic}", will write them up later`,
    () => 'Thanks!',
    () => "Sure, let's do that",
    (f) => `The release slips by ${f.number.int({ min: 2, max: 5 })} days`,
    () => 'Who can review my PR?',
    () => "I'm off after 6 today",
    (f) => `Uploaded ${f.system.commonFileName('pdf')}`,
    () => "Checking now, I'll get back to you",
    () => 'Great, merging',
    (f) => `Staging is green. ${f.hacker.phrase()}`,
  ],
};

export function chatLine(faker: Faker, lang: Lang, topic: string): string {
  return faker.helpers.arrayElement(LINES[lang])(faker, topic);
}

/** What a simulated user answers in a direct chat. */
export const BOT_REPLIES: Record<Lang, readonly string[]> = {
  ru: [
    'Привет! Да, видел, сейчас посмотрю',
    'Ок, понял',
    'Хорошо, давай после обеда обсудим',
    'Сейчас занят, отвечу через полчаса',
    'Да, всё верно',
    'Спасибо, гляну вечером',
    'Интересно, а можно подробнее?',
    'Согласен 👍',
  ],
  en: [
    "Hi! Yes, saw it, I'll take a look",
    'Ok, got it',
    "Sure, let's discuss after lunch",
    "In a meeting, I'll reply in half an hour",
    "Yes, that's right",
    "Thanks, I'll check tonight",
    'Interesting, can you tell me more?',
    'Agreed 👍',
  ],
};
