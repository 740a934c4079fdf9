// The start-up banner: where the mock listens, its users with their tokens, and connection lines
// ready to paste. The one place a token is printed whole.
import type { MockUserInfo } from '../http/control.js';

export interface BannerInput {
  url: string;
  wsUrl: string;
  users: readonly MockUserInfo[];
  seed: number | null;
  bots: boolean;
  /** When the mock listens beyond loopback: where, and the control token it wants. */
  exposure: { host: string; addresses: readonly string[]; controlToken: string | null; inspectorUrl: string } | null;
  color: boolean;
}

const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - [...text].length));

export function banner(input: BannerInput): string {
  const bold = (t: string) => (input.color ? `\u001b[1m${t}\u001b[0m` : t);
  const dim = (t: string) => (input.color ? `\u001b[2m${t}\u001b[0m` : t);
  const { url, wsUrl, users } = input;
  const names = users.map((u) => `${u.first_name} ${u.last_name}`);
  const nameWidth = Math.max(4, ...names.map((n) => [...n].length));
  const table = [
    dim(`  ${pad('id', 5)}${pad('name', nameWidth + 2)}${pad('bot', 5)}token`),
    ...users.map(
      (u, i) => `  ${pad(String(u.id), 5)}${pad(names[i] ?? '', nameWidth + 2)}${pad(u.bot ? 'bot' : '', 5)}${u.token}`,
    ),
  ];
  const you = users.find((u) => u.id === 12) ?? users.find((u) => !u.bot) ?? users[0];
  const warn = (t: string) => (input.color ? `\u001b[1;33m${t}\u001b[0m` : t);
  const exposure = input.exposure
    ? [
        '',
        warn(`  ! Listening on ${input.exposure.host}: every machine that can reach this one can use the mock.`),
        ...(input.exposure.addresses.length
          ? [
              `    Reachable at ${input.exposure.addresses.slice(0, 4).join(', ')}${input.exposure.addresses.length > 4 ? ', …' : ''}`,
            ]
          : []),
        `    Users' tokens are the fixtures' (the same for everyone): anyone on the network can chat as them.`,
        `    The control API, live stream and inspector want the control token:`,
        `      header  x-control-token: ${input.exposure.controlToken ?? ''}`,
        `      browser ${input.exposure.inspectorUrl}`,
      ]
    : [];
  const lines = [
    '',
    bold(`chats-ws mock server listening on ${url}`),
    ...exposure,
    '',
    `  WebSocket    ${wsUrl}   (alias ${wsUrl.replace('/ws/chats/', '/ws/chat/')})`,
    `  Inspector    ${url}/   ${dim('(live traffic, state, act as any user)')}`,
    `  Docs         ${url}/docs/`,
    `  Control API  ${url}/__mock/users  ${dim('(also /__mock/state, /__mock/traffic, POST /__mock/act-as/:id, /__mock/emit, /__mock/reset)')}`,
    `  Spec         ${url}/asyncapi.yaml   ${url}/asyncapi.json`,
    `  World        ${users.length} users${input.seed !== null ? `, seed ${input.seed}` : ' from fixtures'}, bots ${input.bots ? 'on' : 'off'}`,
    '',
    bold('Users and their tokens'),
    ...table,
  ];
  if (you) {
    lines.push(
      '',
      bold(`Connect as user ${you.id} (${you.first_name} ${you.last_name})`),
      `  browser  new WebSocket("${wsUrl}", ["Bearer", "${you.token}"])`,
      `  query    ${wsUrl}?token=${you.token}`,
      `  header   npx wscat -c ${wsUrl} -H "Authorization: Bearer ${you.token}"`,
    );
    if (you.id === 12 && users.some((u) => u.id === 23)) {
      lines.push(
        `  then     {"type":"new_message","content":{"chat_type":"direct","chat_id":"12_23","message":"hello world","reply_to":54}}`,
      );
    }
  }
  lines.push('', dim('Ctrl-C to stop.'), '');
  return lines.join('\n');
}
