// auth.*: the three token transports, one by one, and the refusals of a missing and a bad token.
// A refused upgrade is explained: its status and body, and (see handshake.ts) the path or the token.
import { connect, TRANSPORT_LABELS, TRANSPORTS, type ConnectResult, type Transport } from '../client.js';
import { describeRefusal } from '../handshake.js';
import { Verdict } from '../results.js';
import { step, type Context, type Step } from './context.js';

export const TRANSPORT_CHECKS = ['auth.header', 'auth.query', 'auth.subprotocol', 'auth.any-transport'] as const;

/** What a handshake that must be refused did; empty when it was refused with 403. */
async function refusalProblems(result: ConnectResult, closeMs: number): Promise<string[]> {
  switch (result.kind) {
    case 'refused':
      return result.status === 403 ? [] : [`refused with ${describeRefusal(result)}, the spec says 403`];
    case 'open':
      await result.client.close(closeMs);
      return ['the upgrade was accepted (101): the connection must be refused before it is accepted'];
    case 'failed':
      return [`no HTTP refusal: ${result.reason}`];
  }
}

/** `header, query, subprotocol: HTTP 500 Internal Server Error` — transports that failed alike, together. */
function groupFailures(failures: readonly { transport: Transport; why: string }[]): string {
  const byWhy = new Map<string, Transport[]>();
  for (const { transport, why } of failures) byWhy.set(why, [...(byWhy.get(why) ?? []), transport]);
  return [...byWhy].map(([why, transports]) => `${transports.join(', ')}: ${why}`).join('; ');
}

/**
 * Tries user A's token on each transport (recording auth.header, auth.query, auth.subprotocol and
 * auth.any-transport); returns those that work, in that order (the run uses the first).
 */
export async function probeTransports(ctx: Context): Promise<Transport[]> {
  const { session } = ctx;
  const { url, a } = session.options;
  const { timeoutMs, tracer } = session;
  const working: Transport[] = [];
  const failures: { transport: Transport; why: string }[] = [];
  const explanations: string[] = [];
  const verdicts = new Map<Transport, Verdict>();
  /** Refused with 401/403: the token itself may be fine, if another transport takes it. */
  const refusedToken: Transport[] = [];

  for (const transport of TRANSPORTS) {
    const label = `auth-${transport}`;
    const result = await connect(url, { label, transport, token: a.token, timeoutMs });
    const verdict = new Verdict();
    verdicts.set(transport, verdict);
    const sent = `user ${a.id}'s token sent as the ${TRANSPORT_LABELS[transport]}`;
    if (result.kind === 'open') {
      working.push(transport);
      tracer.add(label, 'event', 'accepted (101)');
      verdict.summary = transport === 'subprotocol' ? 'accepted (101); the server selected "Bearer"' : 'accepted (101)';
      await result.client.close(timeoutMs);
    } else if (result.kind === 'refused') {
      const refusal = describeRefusal(result);
      tracer.add(label, 'event', `refused with ${refusal}`);
      verdict.fail(`${sent} was refused with ${refusal}`);
      failures.push({ transport, why: describeRefusal({ ...result, body: '' }) });
      if (result.status === 401 || result.status === 403) refusedToken.push(transport);
      const why = await session.doctor.explain(a, result);
      verdict.note(...why);
      explanations.push(...why);
    } else {
      tracer.add(label, 'event', result.reason);
      verdict.fail(`${sent}: ${result.reason}`);
      failures.push({ transport, why: result.reason });
    }
  }
  // The same token accepted on another transport says more than anything the token says about itself.
  const accepted = working[0];
  for (const transport of TRANSPORTS) {
    const verdict = verdicts.get(transport) ?? new Verdict();
    if (accepted && refusedToken.includes(transport)) {
      verdict.notes.splice(0);
      verdict.note(
        `the same token was accepted as the ${TRANSPORT_LABELS[accepted]}: the server does not take it from the ${TRANSPORT_LABELS[transport]}`,
      );
    }
    ctx.record(`auth.${transport}`, verdict, `auth-${transport}`);
  }

  const chosen = working[0] ?? null;
  ctx.record(
    'auth.any-transport',
    chosen
      ? new Verdict(`${working.join(', ')} work${working.length === 1 ? 's' : ''}; the run uses ${chosen}`)
      : new Verdict()
          .fail(`none of the three token transports accepted user ${a.id}'s token (${groupFailures(failures)})`)
          .note(...explanations),
  );
  return working;
}

export function authSteps(ctx: Context, transports: () => Promise<Transport[]>): Step[] {
  const { session } = ctx;
  const { url, runId } = session.options;
  const { timeoutMs } = session;
  return [
    step(TRANSPORT_CHECKS, async () => void (await transports())),
    step(['auth.missing-token'], async () => {
      const result = await connect(url, { label: 'auth-none', transport: 'none', timeoutMs });
      session.tracer.add('auth-none', 'event', result.kind === 'refused' ? describeRefusal(result) : result.kind);
      const verdict = new Verdict('refused with HTTP 403').fail(...(await refusalProblems(result, timeoutMs)));
      ctx.record('auth.missing-token', verdict);
    }),
    step(['auth.bad-token'], async () => {
      const token = `conformance-invalid-token-${runId}`;
      const verdict = new Verdict();
      const working = await transports();
      const tried = working.length ? working : (['header'] as const);
      for (const t of tried) {
        const result = await connect(url, { label: `auth-bad-${t}`, transport: t, token, timeoutMs });
        session.tracer.add(`auth-bad-${t}`, 'event', result.kind === 'refused' ? describeRefusal(result) : result.kind);
        for (const problem of await refusalProblems(result, timeoutMs)) verdict.fail(`${t}: ${problem}`);
      }
      verdict.summary = `refused with HTTP 403 (${tried.join(', ')})`;
      ctx.record('auth.bad-token', verdict);
    }),
  ];
}
