// The start-up banner: where the mock listens, one user to connect as with the three ways to send
// the token, and where the other users' tokens are. It fits a terminal: at most BANNER_MAX_LINES
// lines, each at most BANNER_MAX_COLUMNS wide, except the (at most three) lines that carry a token
// to paste. `--show-tokens` adds every user's token below it. The one place a token is printed whole.
import type { MockUserInfo } from '../http/control.js';
import { type Palette, palette } from '../style.js';

export const BANNER_MAX_LINES = 24;
export const BANNER_MAX_COLUMNS = 100;

export interface BannerInput {
  url: string;
  wsUrl: string;
  users: readonly MockUserInfo[];
  seed: number | null;
  bots: boolean;
  color: boolean;
  /** The state file the world is kept in (--state), if any. */
  stateFile?: string | undefined;
  /** Every user with a token, below the banner (--show-tokens). */
  showTokens?: boolean | undefined;
  /** The projects, to suggest a first message to one of the user's project chats. */
  projects?:
    readonly { id: number; title: string; leader_id: number; collaborator_ids: readonly number[] }[] | undefined;
  /** Lines that need the reader's attention (e.g. listening beyond loopback), shown under the title. */
  warnings?: readonly string[] | undefined;
  /** The protocol version the sockets speak (default 1); 2 also serves the chat history over HTTP. */
  protocol?: 1 | 2 | undefined;
}

const width = (text: string): number => [...text].length;
const pad = (text: string, columns: number): string => text + ' '.repeat(Math.max(0, columns - width(text)));

/** The user the banner connects as: 12 (the protocol document's example), else the first person. */
export function bannerUser(users: readonly MockUserInfo[]): MockUserInfo | undefined {
  return users.find((u) => u.id === 12) ?? users.find((u) => !u.bot) ?? users[0];
}

function tokenTable(users: readonly MockUserInfo[], paint: Palette): string[] {
  const names = users.map((u) => `${u.first_name} ${u.last_name}`);
  const nameWidth = Math.max(4, ...names.map(width));
  return [
    paint.bold('Users and their tokens'),
    paint.dim(`  ${pad('id', 5)}${pad('name', nameWidth + 2)}${pad('bot', 5)}token`),
    ...users.map(
      (u, i) => `  ${pad(String(u.id), 5)}${pad(names[i] ?? '', nameWidth + 2)}${pad(u.bot ? 'bot' : '', 5)}${u.token}`,
    ),
    '',
  ];
}

export function banner(input: BannerInput): string {
  const paint = palette(input.color);
  const { url, wsUrl, users } = input;
  const v2 = input.protocol === 2;
  const world = [
    ...(v2 ? ['protocol 2'] : []),
    `${users.length} users`,
    input.seed !== null ? `seed ${input.seed}` : 'from fixtures',
    `bots ${input.bots ? 'on' : 'off'}`,
  ].join(', ');
  const lines = [
    '',
    `${paint.bold(`chats-ws mock server listening on ${url}`)}  ${paint.dim(`(${world})`)}`,
    ...(input.warnings ?? []).map((w) => `  ${paint.yellow('!')} ${w}`),
    '',
    `  WebSocket    ${wsUrl}`,
    `  Inspector    ${url}/   ${paint.dim('live traffic, state, act as any user')}`,
    `  Docs         ${url}/docs/`,
    `  Tokens       ${url}/__mock/users   ${paint.dim('every user; or start with --show-tokens')}`,
    `  Control API  ${url}/__mock/   ${paint.dim('state, traffic, act-as, emit, reset, faults')}`,
  ];
  if (v2)
    lines.push(
      `  History      ${url}/chats/directs/   ${paint.dim('and /chats/projects/, with Authorization: Bearer')}`,
    );
  if (input.stateFile) lines.push(`  State        ${input.stateFile}   ${paint.dim('kept across restarts')}`);
  const you = bannerUser(users);
  if (you) {
    const mine = (input.projects ?? []).filter((p) => p.leader_id === you.id || p.collaborator_ids.includes(you.id));
    const project = mine.find((p) => p.leader_id === you.id) ?? mine[0];
    lines.push(
      '',
      paint.bold(`Connect as ${you.first_name} ${you.last_name} (user ${you.id})`),
      `  browser  new WebSocket("${wsUrl}", ["Bearer", "${you.token}"])`,
      `  query    ${wsUrl}?token=${you.token}`,
      `  header   npx wscat -c ${wsUrl} -H "Authorization: Bearer ${you.token}"`,
    );
    if (project) {
      lines.push(
        `then send a message to the chat of project ${project.id} (every member connected gets it, you too):`,
        v2
          ? `{"type":"new_message","content":{"chat_type":"project","chat_id":"${project.id}","text":"hi","reply_to":null,"file_urls":[]}}`
          : `{"type":"new_message","content":{"chat_type":"project","chat_id":${project.id},"message":"hi","reply_to":null}}`,
      );
    }
  }
  lines.push('', paint.dim('Ctrl-C to stop. --help for every option.'), '');
  if (input.showTokens) lines.push(...tokenTable(users, paint));
  return lines.join('\n');
}
