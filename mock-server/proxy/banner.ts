// The proxy's start-up banner: where clients connect instead of the upstream, where the frames go,
// and where to watch them.
import { type Palette, palette } from '../style.js';

export interface ProxyBannerInput {
  url: string;
  wsUrl: string;
  upstream: string;
  protocol: string;
  record: string | null;
  links: readonly string[];
  warnings: readonly string[];
  color: boolean;
}

export function proxyBanner(input: ProxyBannerInput): string {
  const paint: Palette = palette(input.color);
  const { url, wsUrl } = input;
  const lines = [
    '',
    `${paint.bold(`chats-ws validating proxy listening on ${url}`)}  ${paint.dim(`(protocol ${input.protocol})`)}`,
    ...input.warnings.map((w) => `  ${paint.yellow('!')} ${w}`),
    '',
    `  WebSocket    ${wsUrl}   ${paint.dim(`(and ${wsUrl.endsWith('/ws/chat/') ? '/ws/chats/' : '/ws/chat/'}): point your app here`)}`,
    `  Upstream     ${input.upstream}   ${paint.dim('every frame relayed both ways, unchanged')}`,
    `  Inspector    ${url}/   ${paint.dim('live traffic with verdicts, who broke the contract, faults')}`,
    `  Control API  ${url}/__mock/   ${paint.dim('traffic, live, connections, faults')}`,
  ];
  if (input.record)
    lines.push(
      `  Recording    ${input.record}   ${paint.dim(`JSON lines, appended; check with: validate ${input.protocol === '1' ? '' : `--protocol ${input.protocol} `}FILE`)}`,
    );
  for (const link of input.links) lines.push(`  ${paint.yellow('!')} ${link}`);
  lines.push(
    '',
    'Handshakes go upstream as the client made them (path after /ws/chats/, query, Authorization, Origin,',
    "subprotocols); the upstream's answer comes back, a refusal with its status and body.",
    '',
    paint.dim('Ctrl-C to stop. --help for every option.'),
    '',
  );
  return lines.join('\n');
}
