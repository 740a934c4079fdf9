// What the comparison needs from an AsyncAPI 3 document: each event (a message of an operation,
// with its direction and payload), the channel address it travels on, and how clients authenticate.
import type { LoadedSpec, TreeNode } from './load.js';
import { canonical, isObject } from './refs.js';
import type { Direction } from './types.js';

export interface EventEntry {
  readonly direction: Direction;
  /** The frame's `type`: the payload's `properties.type.const`, else the message's `name`, else its id. */
  readonly type: string;
  readonly operation: string;
  /** The message's id (its key in `components.messages`, or in the channel). */
  readonly message: string;
  readonly channel: string | undefined;
  readonly address: string | null | undefined;
  readonly payload: TreeNode | undefined;
  readonly contentType: string | undefined;
  /** Canonical JSON of the message's title, summary, description and examples, by field. */
  readonly docs: Readonly<Record<string, string>>;
}

export interface SecurityScheme {
  /** The scheme's name in `components.securitySchemes`, or its position. */
  readonly name: string;
  /** What the client must do, comparable across versions: type, scheme, where the credential goes. */
  readonly signature: string;
  readonly label: string;
}

export interface ServerEntry {
  readonly id: string;
  readonly host: string | undefined;
  readonly protocol: string | undefined;
  readonly pathname: string | undefined;
  readonly security: readonly SecurityScheme[];
}

export interface ChannelEntry {
  readonly id: string;
  readonly address: string | null | undefined;
  readonly bindings: string;
}

export interface SpecModel {
  readonly version: string | null;
  readonly events: ReadonlyMap<string, EventEntry>;
  readonly operations: ReadonlyMap<string, { readonly security: readonly SecurityScheme[] | undefined }>;
  readonly channels: ReadonlyMap<string, ChannelEntry>;
  readonly servers: ReadonlyMap<string, ServerEntry>;
}

export const eventKey = (direction: Direction, type: string): string => `${direction} ${type}`;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const lastToken = (node: TreeNode): string =>
  node.pointer.split('/').pop()?.replace(/~1/g, '/').replace(/~0/g, '~') ?? '';

function scheme(spec: LoadedSpec, raw: TreeNode, index: number): SecurityScheme {
  const node = spec.deref(raw);
  const s = isObject(node.value) ? node.value : {};
  const type = str(s.type) ?? '?';
  const name = node === raw ? `#${index + 1}` : lastToken(node);
  const parts: Record<string, unknown> = { type };
  let label = type;
  if (type === 'http') {
    parts.scheme = str(s.scheme)?.toLowerCase();
    label = `${str(s.scheme) ?? 'http'} token in the Authorization header`;
  } else if (type === 'httpApiKey' || type === 'apiKey') {
    parts.in = str(s.in);
    parts.name = type === 'httpApiKey' ? str(s.name)?.toLowerCase() : undefined;
    label =
      type === 'httpApiKey' ? `${str(s.name) ?? '?'} in the ${str(s.in) ?? '?'}` : `API key in the ${str(s.in) ?? '?'}`;
  } else {
    parts.rest = canonical({ ...s, description: undefined });
  }
  return { name, signature: canonical(parts), label: `${name} (${label})` };
}

function securityOf(spec: LoadedSpec, owner: TreeNode): SecurityScheme[] | undefined {
  const list = spec.child(owner, 'security');
  if (!list || !Array.isArray(list.value)) return undefined;
  return list.value.map((_, i) => scheme(spec, spec.child(list, i) as TreeNode, i));
}

function entries(spec: LoadedSpec, ...keys: string[]): [string, TreeNode][] {
  const node = spec.child(spec.root, ...keys);
  if (!node || !isObject(node.value)) return [];
  return Object.keys(node.value).map((key) => [key, spec.deref(spec.child(node, key) as TreeNode)]);
}

/** The payload schema of a message: `payload`, or `payload.schema` for a multi-format schema object. */
function payloadOf(spec: LoadedSpec, message: TreeNode): TreeNode | undefined {
  const payload = spec.child(message, 'payload');
  if (!payload) return undefined;
  const inner = spec.deref(payload);
  return isObject(inner.value) && 'schemaFormat' in inner.value && 'schema' in inner.value
    ? spec.child(inner, 'schema')
    : payload;
}

export function readModel(spec: LoadedSpec): SpecModel {
  const doc = spec.document;
  const info = isObject(doc.info) ? doc.info : {};
  const defaultContentType = str(doc.defaultContentType);

  const channels = new Map<string, ChannelEntry>();
  for (const [id, node] of entries(spec, 'channels')) {
    const value = isObject(node.value) ? node.value : {};
    channels.set(id, {
      id,
      address: value.address === null ? null : str(value.address),
      bindings: canonical(value.bindings ?? null),
    });
  }

  const servers = new Map<string, ServerEntry>();
  for (const [id, node] of entries(spec, 'servers')) {
    const value = isObject(node.value) ? node.value : {};
    servers.set(id, {
      id,
      host: str(value.host),
      protocol: str(value.protocol),
      pathname: str(value.pathname),
      security: securityOf(spec, node) ?? [],
    });
  }

  const events = new Map<string, EventEntry>();
  const operations = new Map<string, { security: SecurityScheme[] | undefined }>();
  for (const [operationId, op] of entries(spec, 'operations')) {
    const value = isObject(op.value) ? op.value : {};
    operations.set(operationId, { security: securityOf(spec, op) });
    const direction: Direction = value.action === 'receive' ? 'client-to-server' : 'server-to-client';
    const channelRef = spec.child(op, 'channel');
    const channelNode = channelRef ? spec.deref(channelRef) : undefined;
    const channelId = channelNode ? lastToken(channelNode) : undefined;
    const messagesNode = spec.child(op, 'messages');
    let messages: TreeNode[] = [];
    if (messagesNode && Array.isArray(messagesNode.value))
      messages = messagesNode.value.map((_, i) => spec.deref(spec.child(messagesNode, i) as TreeNode));
    else if (channelNode) {
      const all = spec.child(channelNode, 'messages');
      if (all && isObject(all.value))
        messages = Object.keys(all.value).map((k) => spec.deref(spec.child(all, k) as TreeNode));
    }
    for (const message of messages) {
      const m = isObject(message.value) ? message.value : {};
      const payload = payloadOf(spec, message);
      const payloadValue = payload ? spec.deref(payload).value : undefined;
      const typeConst =
        isObject(payloadValue) && isObject(payloadValue.properties) && isObject(payloadValue.properties.type)
          ? payloadValue.properties.type.const
          : undefined;
      const type = str(typeConst) ?? str(m.name) ?? lastToken(message);
      const docs: Record<string, string> = {};
      for (const field of ['title', 'summary', 'description', 'examples']) docs[field] = canonical(m[field] ?? null);
      events.set(eventKey(direction, type), {
        direction,
        type,
        operation: operationId,
        message: lastToken(message),
        channel: channelId,
        address: channelId ? channels.get(channelId)?.address : undefined,
        payload,
        contentType: str(m.contentType) ?? defaultContentType,
        docs,
      });
    }
  }

  return {
    version: str(info.version) ?? null,
    events,
    operations,
    channels,
    servers,
  };
}
