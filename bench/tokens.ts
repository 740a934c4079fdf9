// Access tokens for the bench's users: HS256 JWTs whose payload carries `user_id`, the shape the
// mock accepts for a known user when it runs without a secret.
import { createHmac } from 'node:crypto';

const SECRET = 'chats-ws-protocol-bench';
const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export function benchToken(userId: number): string {
  const head = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ user_id: userId, token_type: 'access' })}`;
  return `${head}.${createHmac('sha256', SECRET).update(head).digest('base64url')}`;
}
