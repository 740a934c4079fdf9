// schemas/ -> generated/types.ts (and each later version's into generated/vN/): one interface per event and per content, and the
// discriminated unions ClientEvent and ServerEvent (on `type`).
import { compile } from 'json-schema-to-typescript';
import { V1_TREE, bannerOf, eventSchemas, outputPath, type OutputFile, type SpecTree } from './lib/catalogue.js';

export async function generateTypes(spec: SpecTree = V1_TREE): Promise<OutputFile[]> {
  const events = eventSchemas(spec);
  const union = (direction: 'client' | 'server', title: string) => ({
    title,
    description: `Every frame a ${direction === 'client' ? 'client sends' : 'server sends'}, told apart by \`type\`.`,
    oneOf: events.filter((e) => e.direction === direction).map((e) => ({ $ref: `./${e.file}` })),
  });
  const root = {
    title: 'ChatsProtocolFrame',
    description: 'Any frame of the protocol, in either direction.',
    anyOf: [{ $ref: '#/definitions/ClientEvent' }, { $ref: '#/definitions/ServerEvent' }],
    definitions: {
      ClientEvent: union('client', 'ClientEvent'),
      ServerEvent: union('server', 'ServerEvent'),
    },
  };
  const ts = await compile(root as never, 'ChatsProtocolFrame', {
    cwd: spec.schemasDir + '/',
    bannerComment: `/* eslint-disable */\n/**\n * ${bannerOf(spec)}\n */`,
    unreachableDefinitions: true,
    additionalProperties: false,
    strictIndexSignatures: true,
    // Bounded arrays (error.problems: at most 20) stay arrays, not unions of tuples.
    maxItems: -1,
    style: { singleQuote: true, printWidth: 100 },
  });
  return [{ path: outputPath(spec, 'types.ts'), content: ts }];
}
