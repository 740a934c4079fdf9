// The backend's later dialect (late 2023), protocol version 2 (protocols/v2/), against the
// current spec (version 1): the diff must report each change of "How the protocol evolved" that a
// spec can express, under the right severity and side. Behaviour fixes (typing in direct chats that
// reached nobody, author checks on delete, one channel per user) are not spec changes, and neither
// is what v1 already has (ISO 8601 end_time and created_at, presence frames with content.user_id).
import fs from 'node:fs';
import path from 'node:path';
import { Parser, fromFile } from '@asyncapi/parser';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { diffSpecs, exitCodeOf, loadSpec, openSource, type DiffReport } from '../../spec-diff/index.js';
import { ROOT } from '../../scripts/lib/catalogue.js';

const FIXTURE = path.join(ROOT, 'protocols/v2');
/** The working spec's info.version. */
const V1 = /^  version: (\S+)$/m.exec(fs.readFileSync(path.join(ROOT, 'asyncapi.yaml'), 'utf8'))?.[1] ?? '?';
const addFormats = addFormatsModule.default;

function diff(base: string, revision: string): DiffReport {
  const load = (file: string) => {
    const source = openSource(file, ROOT);
    const spec = source.ok ? loadSpec(source.value) : source;
    if (!spec.ok) throw new Error(spec.error.message);
    return spec.value;
  };
  return diffSpecs(load(base), load(revision));
}

const row = (f: DiffReport['findings'][number]) =>
  [
    f.id,
    f.breaks,
    f.where.direction === 'client-to-server' ? 'c2s' : f.where.direction ? 's2c' : '-',
    f.where.event ?? f.where.channel ?? f.where.server ?? '-',
    f.where.pointer,
    f.where.variant ?? '',
  ].join(' ');

describe('the later dialect (protocols/v2/)', () => {
  it('is a valid AsyncAPI 3 document', async () => {
    const { document, diagnostics } = await fromFile(new Parser(), path.join(FIXTURE, 'asyncapi.yaml')).parse();
    expect(diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(document?.info().version()).toBe('2.0.0');
  }, 60_000);

  it('has one schema file per message, each with its $id, and every example validates against its payload', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const schemaFiles = [
      'common.json',
      ...['client', 'server'].flatMap((d) => fs.readdirSync(path.join(FIXTURE, 'schemas', d)).map((f) => `${d}/${f}`)),
    ];
    for (const file of schemaFiles) {
      const schema = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'schemas', file), 'utf8')) as { $id: string };
      expect(schema.$id).toBe(`https://chats-ws-protocol.dev/v2/schemas/${file}`);
      ajv.addSchema(schema);
    }
    const spec = YAML.parse(fs.readFileSync(path.join(FIXTURE, 'asyncapi.yaml'), 'utf8')) as {
      components: {
        messages: Record<
          string,
          { name: string; payload: { $ref: string }; examples: { name: string; payload: unknown }[] }
        >;
      };
    };
    const checked: string[] = [];
    for (const [id, message] of Object.entries(spec.components.messages)) {
      const file = message.payload.$ref.replace('./schemas/', '');
      expect(file).toBe(`${id.startsWith('client') ? 'client' : 'server'}/${message.name}.json`);
      const validate = ajv.getSchema(`https://chats-ws-protocol.dev/v2/schemas/${file}`);
      for (const example of message.examples) {
        expect(validate?.(example.payload), `${id}/${example.name}: ${ajv.errorsText(validate?.errors)}`).toBe(true);
        checked.push(`${id}/${example.name}`);
      }
    }
    expect(checked).toContain('clientEditMessage/directEdit');
    expect(checked).toContain('serverNewMessage/directMessage');
    expect(checked.length).toBeGreaterThanOrEqual(20);
  });
});

describe('the current spec -> the later dialect', () => {
  const report = diff('asyncapi.yaml', 'protocols/v2/asyncapi.yaml');
  const rows = (severity: string) => report.findings.filter((f) => f.severity === severity).map(row);

  it('reports exactly these breaking changes, each with whom it breaks', () => {
    expect(rows('breaking').sort()).toEqual(
      [
        // the /ws/chat/ address
        'channel.address-changed both - chats /channels/chats/address ',
        // the later backend takes its token in ?token= or the subprotocol, never the Authorization header
        'security.scheme-removed clients - mock /servers/mock/security ',
        'security.scheme-removed clients - production /servers/production/security ',
        // 21 March: the client field `message` of new_message became `text` (a rename breaks both sides)
        'property.removed both c2s new_message /content/message ',
        'property.added both c2s new_message /content/text ',
        // 28 March: new_message gained a required file_urls: string[]
        'property.added both c2s new_message /content/file_urls ',
        // 21 March: server new_message became {chat_id, message}: chat_type is gone, and chat_id may be either form
        'property.removed clients s2c new_message /content/chat_type ',
        'variant.added clients s2c new_message /content/chat_id chat_type=direct',
        'variant.added clients s2c new_message /content/chat_id chat_type=project',
        // 28 March: serialised messages carry files, is_edited, reply_to as a nested message, an author with more fields
        'property.added servers s2c new_message /content/message/files ',
        'property.added servers s2c new_message /content/message/is_edited ',
        'type.changed both s2c new_message /content/message/reply_to ',
        'property.added servers s2c new_message /content/message/author/email ',
        'property.added servers s2c new_message /content/message/author/is_online ',
        // the later frontend sends project chat ids as numeric strings ("7") in every chat event; the
        // server still answers with integers (7), so server events keep the type of version 1
        ...['new_message', 'user_typing', 'message_read', 'delete_message'].map(
          (e) => `type.changed both c2s ${e} /content/chat_id chat_type=project`,
        ),
      ].sort(),
    );
  });

  it('reports these non-breaking changes', () => {
    expect(rows('non-breaking')).toEqual(
      expect.arrayContaining([
        // mid-March: edit_message added, both ways
        'operation.added none c2s edit_message  ',
        'operation.added none s2c edit_message  ',
        // the author object may carry more fields than listed; clients ignore them
        'additional-properties.widened none s2c new_message /content/message/author ',
      ]),
    );
  });

  it('reports no change where v1 already speaks the later dialect (ISO 8601 times, presence content)', () => {
    const touched = report.findings.map((f) => `${f.where.event ?? ''} ${f.where.pointer}`);
    expect(touched.filter((t) => /end_time|created_at/.test(t))).toEqual([]);
    expect(report.findings.filter((f) => f.where.event === 'set_online' || f.where.event === 'set_offline')).toEqual(
      [],
    );
  });

  it('says why, in one line each', () => {
    const reason = (id: string, event: string, pointer: string) =>
      report.findings.find((f) => f.id === id && f.where.event === event && f.where.pointer === pointer)?.reason;
    expect(reason('property.removed', 'new_message', '/content/message')).toBe(
      'The required field "message" was removed (renamed to "text"?): clients built against the base still send it, and the revision refuses unknown fields; servers built against the base require it',
    );
    expect(reason('operation.added', 'edit_message', '')).toMatch(/^A (new client|new server) event edit_message/);
    expect(reason('type.changed', 'new_message', '/content/message/reply_to')).toBe(
      'Type changed: content.message.reply_to was integer and is object',
    );
  });

  it('version 2.0.0 announces the breaking changes: --semver passes, the default --fail-on breaking fails', () => {
    expect(report.summary).toMatchObject({ requiredBump: 'major', actualBump: 'major' });
    expect(exitCodeOf(report, 'breaking', true)).toBe(0);
    expect(exitCodeOf(report, 'breaking')).toBe(1);
  });
});

describe('the later dialect -> the current spec (back)', () => {
  const report = diff('protocols/v2/asyncapi.yaml', 'asyncapi.yaml');
  const rows = report.findings.map(row);

  it('the same changes, seen from the other side', () => {
    expect(rows).toEqual(
      expect.arrayContaining([
        'channel.address-changed both - chats /channels/chats/address ',
        'security.scheme-added none - mock /servers/mock/security ',
        'property.removed both c2s new_message /content/text ',
        'property.removed both c2s new_message /content/file_urls ',
        'property.added both c2s new_message /content/message ',
        'property.added servers s2c new_message /content/chat_type ',
        'variant.removed servers s2c new_message /content/chat_id chat_type=direct',
        'property.removed clients s2c new_message /content/message/files ',
        'property.removed clients s2c new_message /content/message/author/email ',
        'additional-properties.narrowed none s2c new_message /content/message/author ',
        'operation.removed clients c2s edit_message  ',
        'operation.removed clients s2c edit_message  ',
      ]),
    );
  });

  it('and a version that goes down announces nothing', () => {
    expect(report.findings.find((f) => f.id === 'version.bump-too-small')).toMatchObject({
      severity: 'breaking',
      reason: `info.version went down (2.0.0 -> ${V1}), but breaking changes need a major bump: 3.0.0 or later`,
    });
  });
});
