// The reader's model of one AsyncAPI document: what the page shows, in the reader's words.
// Everything comes from the document (and the schemas it references); what the page promises
// (a direction for every operation, a meaning for every error code, the refusals of every client
// event) is checked here, and a gap fails the build with a message that says what to add.
import { sectionsOf, codeListItems } from './markdown';
import { fieldTables } from './schema';

export const DIRECTIONS = {
  // The document describes the server: it *receives* what clients send.
  receive: { id: 'client', label: 'client → server', you: 'your app sends it', heading: 'Client → server' },
  send: { id: 'server', label: 'server → client', you: 'your app receives it', heading: 'Server → client' },
};

/** Sections of info.description that get a place of their own (matched by their `## ` title). */
const PLACED_SECTIONS = { authentication: 'connect', errors: 'errors' };

class DocsModelError extends Error {}

function fail(message) {
  throw new DocsModelError(`The docs page cannot be built: ${message}`);
}

/** "protocolDocumentExample" -> "Protocol document example". */
function humanize(name) {
  const words = String(name)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Leading "**Direction: client -> server.**": the page shows the direction as a badge instead. */
function withoutDirectionLead(description) {
  return String(description ?? '').replace(/^\s*\*\*Direction:[^*]*\.\*\*\s*/, '');
}

function errorCatalogue(errorMessage) {
  const payload = errorMessage.payload().json();
  const codes = payload?.properties?.content?.properties?.code?.enum;
  if (!Array.isArray(codes)) fail(`the payload of the "${errorMessage.name()}" message has no content.code enum.`);
  const meanings = codeListItems(errorMessage.description());
  return codes.map((code) => {
    const meaning = meanings.get(code);
    if (!meaning) {
      fail(`error code "${code}" has no line "- \`${code}\`: <meaning>" in the description of the "error" message.`);
    }
    return { code, meaning };
  });
}

function refusalsOf(message, knownCodes) {
  const declared = message.json()['x-refusals'];
  if (!Array.isArray(declared) || declared.length === 0) {
    fail(`client message "${message.name()}" has no x-refusals list (the error codes it can be refused with).`);
  }
  return declared.map((entry) => {
    if (!knownCodes.has(entry?.code)) {
      fail(
        `x-refusals of "${message.name()}" names "${entry?.code}", which is not an error code of the "error" message.`,
      );
    }
    if (!entry.when) fail(`x-refusals of "${message.name()}": "${entry.code}" says nothing under "when".`);
    return { code: entry.code, when: entry.when };
  });
}

function eventOf(operation, channelAddress) {
  const direction = DIRECTIONS[operation.action()];
  if (!direction) fail(`operation "${operation.id()}" has action "${operation.action()}".`);
  const messages = operation.messages().all();
  if (messages.length !== 1) fail(`operation "${operation.id()}" must have exactly one message.`);
  const message = messages[0];
  const examples = message.examples().all();
  if (examples.length === 0) fail(`message "${message.name()}" (${operation.id()}) has no example.`);
  return {
    id: `${direction.id}-${message.name()}`,
    name: message.name(),
    operationId: operation.id(),
    direction,
    address: channelAddress,
    summary: message.summary() ?? operation.summary() ?? '',
    description: withoutDirectionLead(message.description()),
    message,
    tables: fieldTables(message.payload().json()),
    examples: examples.map((example, i) => ({
      title: example.summary() ?? humanize(example.name() ?? `Example ${i + 1}`),
      payload: example.payload(),
    })),
  };
}

/** The servers a client connects to: the full WebSocket URL of the channel on each. */
function serversOf(asyncapi, address) {
  return asyncapi
    .servers()
    .all()
    .map((server) => ({
      id: server.id(),
      url: `${server.protocol()}://${server.host()}${server.pathname?.() ?? ''}${address}`,
      description: server.description() ?? '',
    }));
}

/** The ways to authenticate, in the order the document lists its security schemes. */
function authSchemesOf(asyncapi) {
  return asyncapi
    .components()
    .securitySchemes()
    .all()
    .map((scheme) => ({
      id: scheme.id(),
      type: scheme.type(),
      scheme: scheme.scheme?.() ?? null,
      in: scheme.in?.() ?? null,
      name: scheme.name?.() ?? null,
      description: scheme.description() ?? '',
    }));
}

/**
 * @param {import('@asyncapi/parser').AsyncAPIDocumentInterface} asyncapi
 */
export function readerModel(asyncapi) {
  const info = asyncapi.info();
  const channels = asyncapi.channels().all();
  if (channels.length !== 1) fail(`expected one channel, found ${channels.length}.`);
  const channel = channels[0];
  const address = channel.address();
  const events = asyncapi
    .operations()
    .all()
    .map((operation) => eventOf(operation, address));
  const errorEvent = events.find((e) => e.direction.id === 'server' && e.name === 'error');
  if (!errorEvent) fail('no server -> client "error" message.');
  const errorCodes = errorCatalogue(errorEvent.message);
  const known = new Set(errorCodes.map((e) => e.code));

  const clientEvents = events.filter((e) => e.direction.id === 'client');
  const serverEvents = events.filter((e) => e.direction.id === 'server');
  for (const event of clientEvents) event.refusals = refusalsOf(event.message, known);
  // Each client event and the server event of the same name: what the server answers with.
  for (const event of clientEvents) event.answer = serverEvents.find((e) => e.name === event.name) ?? null;
  for (const event of serverEvents) event.cause = clientEvents.find((e) => e.name === event.name) ?? null;

  // Which events each code refuses; a code no event lists answers any frame.
  for (const entry of errorCodes) {
    entry.events = clientEvents.filter((e) => e.refusals.some((r) => r.code === entry.code));
  }

  const intro = sectionsOf(info.description());
  const placed = {};
  const overview = [];
  for (const section of intro.sections) {
    const place = PLACED_SECTIONS[section.title.toLowerCase()];
    if (place) placed[place] = section;
    else overview.push({ ...section, id: `overview-${section.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` });
  }

  return {
    title: info.title(),
    version: info.version(),
    lead: intro.lead,
    overview,
    authentication: placed.connect ?? null,
    errorsIntro: placed.errors ?? null,
    channel: {
      address,
      title: channel.title() ?? '',
      summary: channel.summary() ?? '',
      description: channel.description() ?? '',
    },
    servers: serversOf(asyncapi, address),
    authSchemes: authSchemesOf(asyncapi),
    clientEvents,
    serverEvents,
    errorCodes,
    anyFrameCodes: errorCodes.filter((e) => e.events.length === 0),
  };
}
