// Every check the conformance run can report, in run order, with a stable name, whether it is
// required, and what it means. The README's table says the same for people.

/** Configuration a check cannot run without: `--project`, `--outsider`. */
export type Need = 'project' | 'outsider';

export interface CheckInfo {
  readonly name: string;
  /** A failing (or blocked) required check makes the run fail; an optional one is reported only. */
  readonly required: boolean;
  /** What it needs configured; without it the check is skipped, naming the flag. */
  readonly needs: readonly Need[];
  readonly description: string;
}

const check = (name: string, description: string, extra: Partial<CheckInfo> = {}): CheckInfo => ({
  name,
  required: true,
  needs: [],
  description,
  ...extra,
});
const optional = { required: false } as const;
const project = { needs: ['project'] } as const;
const outsider = { needs: ['outsider'] } as const;

export const CHECKS: readonly CheckInfo[] = [
  check('auth.header', 'The upgrade is accepted with the `Authorization: Bearer <token>` header.', optional),
  check('auth.query', 'The upgrade is accepted with the `?token=<token>` query parameter.', optional),
  check(
    'auth.subprotocol',
    'The upgrade is accepted with the subprotocols `["Bearer", <token>]`, and the server selects `Bearer`.',
    optional,
  ),
  check(
    'auth.any-transport',
    'At least one of the three token transports works; the rest of the run uses the first that does.',
  ),
  check('auth.missing-token', 'A handshake without a token is refused at the upgrade with HTTP 403.'),
  check(
    'auth.bad-token',
    'A handshake with a token the server cannot accept is refused with HTTP 403, on every transport that works.',
  ),
  check('session.open', 'Both users connect (user A twice, user B once) and nothing unexpected arrives on connecting.'),
  check(
    'presence.connect',
    "When B's first connection opens, every connection of A receives `set_online` with B's id, and nothing else arrives.",
  ),
  check(
    'direct.new_message.recipients',
    "A's `new_message` in the direct chat reaches every connection of both participants (the sender's included) within the timeout, once, and nothing else arrives.",
  ),
  check(
    'direct.new_message.content',
    'Those frames validate and carry the chat, the trimmed text, A as author, `reply_to: null`, `is_read`/`is_deleted` false, a plausible `created_at`, and the same message id everywhere.',
  ),
  check(
    'direct.new_message.reply',
    "B's reply to A's message reaches both participants with `reply_to` set to that message and B as author.",
  ),
  check(
    'direct.user_typing.recipients',
    "A's `user_typing` in the direct chat reaches B only: no connection of A (the typist) receives it.",
  ),
  check(
    'direct.user_typing.content',
    'It validates and carries the chat, A as `user_id`, and an `end_time` about 5 s in the future.',
  ),
  check(
    'direct.message_read.recipients',
    "B's `message_read` of A's message reaches every connection of both participants.",
  ),
  check('direct.message_read.content', 'It validates and carries the chat, B as `user_id`, and the message id.'),
  check(
    'direct.message_read.own-message',
    'A marking its own message read in a direct chat is refused with `cannot_read_own_message`; nothing is delivered.',
  ),
  check(
    'direct.delete_message.not-author',
    "A deleting B's message is refused with `not_message_author`; nothing is delivered.",
  ),
  check(
    'direct.delete_message.recipients',
    "A's `delete_message` of its own message reaches every connection of both participants.",
  ),
  check('direct.delete_message.content', 'It validates and carries the chat and the message id.'),
  check(
    'direct.message_read.not-found',
    'Marking read a message the checker created and then deleted is refused with `message_not_found`.',
  ),
  check(
    'direct.chat_id.order',
    'A direct chat id with the larger id first (`"23_12"`) is refused with `invalid_event`, problem `chat_id_order` at `/content/chat_id`.',
  ),
  check(
    'direct.not-member',
    'The outsider writing to the direct chat of A and B is refused with `not_chat_member`; nothing reaches A or B.',
    outsider,
  ),
  check(
    'errors.invalid_json',
    'A text frame that is not JSON is answered with `invalid_json` (event_type null); the connection stays open.',
  ),
  check(
    'errors.unknown_event_type',
    'A frame of a type no protocol version has (`conformance_probe_<random>`) is answered with `unknown_event_type` naming that type.',
  ),
  check(
    'errors.missing-reply_to',
    'A `new_message` without `reply_to` is refused with `invalid_event`, problem `missing_field` at `/content/reply_to`.',
  ),
  check(
    'errors.connection-stays-open',
    'After a frame that is not JSON, one of an unknown type and one without a required field, the same connection is still open and its own `set_online` comes back to it.',
  ),
  check(
    'project.new_message.recipients',
    "A's `new_message` in the project chat reaches every connection of both members, the sender's included.",
    project,
  ),
  check(
    'project.new_message.content',
    'Those frames validate and carry the project id, the trimmed text, A as author and the same message id.',
    project,
  ),
  check(
    'project.new_message.reply_not_in_chat',
    'A project message replying to a message of the direct chat is refused with `reply_not_in_chat`.',
    project,
  ),
  check(
    'project.user_typing.recipients',
    "B's `user_typing` in the project chat reaches every connected member, B's own connection included.",
    project,
  ),
  check(
    'project.user_typing.content',
    'It validates and carries the project id, B as `user_id`, and an `end_time` about 5 s ahead.',
    project,
  ),
  check(
    'project.message_read.recipients',
    "B's `message_read` of A's project message reaches every member's connections.",
    project,
  ),
  check(
    'project.message_read.content',
    'It validates and carries the project id, B as `user_id`, and the message id.',
    project,
  ),
  check(
    'project.delete_message.not-author',
    "B deleting A's project message is refused with `not_message_author`.",
    project,
  ),
  check(
    'project.delete_message.recipients',
    "A's `delete_message` of its project message reaches every member's connections.",
    project,
  ),
  check('project.delete_message.content', 'It validates and carries the project id and the message id.', project),
  check(
    'project.not-member',
    'The outsider (not a member of the project) writing to the project chat is refused with `not_chat_member`; nothing reaches the members.',
    { needs: ['project', 'outsider'] },
  ),
  check(
    'presence.set_offline',
    "B's client-sent `set_offline` reaches every connected user, B included, with B's id; B's connection stays open.",
  ),
  check('presence.set_online', "B's client-sent `set_online` reaches every connected user, B included, with B's id."),
  check(
    'presence.not-last-connection',
    "Closing A's second connection, while its first stays open, sends no `set_offline`.",
  ),
  check('presence.disconnect', "Closing B's last connection sends `set_offline` with B's id to A's connection."),
];

export const CHECK_NAMES: readonly string[] = CHECKS.map((c) => c.name);

export function checkInfo(name: string): CheckInfo {
  const info = CHECKS.find((c) => c.name === name);
  if (!info) throw new Error(`unknown conformance check ${name}`);
  return info;
}
