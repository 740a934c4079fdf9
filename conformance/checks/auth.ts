// auth.*: the three token transports, one by one, and the refusals of a missing and a bad token.
import { connect, sleep, TRANSPORT_LABELS, TRANSPORTS, type ConnectResult, type Transport } from '../client.js';
import { Verdict } from '../results.js';
import type { Context } from './context.js';

const httpStatus = (result: { status: number; statusText: string }): string =>
  `HTTP ${result.status}${result.statusText ? ` ${result.statusText}` : ''}`;

/** What a handshake that must be refused did; empty when it was refused with 403. */
async function refusalProblems(result: ConnectResult, closeMs: number): Promise<string[]> {
  switch (result.kind) {
    case 'refused':
      return result.status === 403 ? [] : [`refused with ${httpStatus(result)}, the spec says 403`];
    case 'open':
      await result.client.close(closeMs);
      return ['the upgrade was accepted (101): the connection must be refused before it is accepted'];
    case 'failed':
      return [`no HTTP refusal: ${result.reason}`];
  }
}

/** Runs the auth checks; returns the first transport that works (the one the rest of the run uses). */
export async function authChecks(ctx: Context): Promise<Transport | null> {
  const { session, results } = ctx;
  const { url, a, runId, settleMs } = session.options;
  const timeoutMs = session.timeoutMs;
  const working: Transport[] = [];

  for (const transport of TRANSPORTS) {
    const name = `auth.${transport}`;
    await ctx.guard([name], async () => {
      const started = Date.now();
      const result = await connect(url, { label: `auth-${transport}`, transport, token: a.token, timeoutMs });
      const verdict = new Verdict();
      if (result.kind === 'open') {
        working.push(transport);
        verdict.summary =
          transport === 'subprotocol' ? 'accepted (101); the server selected "Bearer"' : 'accepted (101)';
        await result.client.close(timeoutMs);
      } else if (result.kind === 'refused') {
        verdict.fail(
          `user ${a.id}'s token sent as the ${TRANSPORT_LABELS[transport]} was refused with ${httpStatus(result)}`,
        );
      } else {
        verdict.fail(`user ${a.id}'s token sent as the ${TRANSPORT_LABELS[transport]}: ${result.reason}`);
      }
      results.record(name, verdict, Date.now() - started);
    });
  }

  const chosen = working[0] ?? null;
  results.record(
    'auth.any-transport',
    chosen
      ? new Verdict(`${working.join(', ')} work${working.length === 1 ? 's' : ''}; the run uses ${chosen}`)
      : new Verdict().fail(`none of the three token transports accepted user ${a.id}'s token`),
  );

  await ctx.guard(['auth.missing-token'], async () => {
    const result = await connect(url, { label: 'auth-none', transport: 'none', timeoutMs });
    const verdict = new Verdict('refused with HTTP 403').fail(...(await refusalProblems(result, timeoutMs)));
    results.record('auth.missing-token', verdict);
  });

  await ctx.guard(['auth.bad-token'], async () => {
    const token = `conformance-invalid-token-${runId}`;
    const verdict = new Verdict();
    const transports = working.length ? working : (['header'] as const);
    for (const transport of transports) {
      const result = await connect(url, { label: `auth-bad-${transport}`, transport, token, timeoutMs });
      for (const problem of await refusalProblems(result, timeoutMs)) verdict.fail(`${transport}: ${problem}`);
    }
    verdict.summary = `refused with HTTP 403 (${transports.join(', ')})`;
    results.record('auth.bad-token', verdict);
  });

  // Presence caused by these connections reaches other users only; let it pass before the session opens.
  await sleep(settleMs);
  return chosen;
}
