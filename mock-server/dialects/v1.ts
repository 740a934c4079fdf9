// Protocol version 1 (asyncapi.yaml): the domain speaks it already, so the translation is none.
import { CHATS_PATH, parseClientFrame, validateClientEvent, validateServerEvent } from '../../protocol/index.js';
import type { ClientEvent } from '../../protocol/index.js';
import { ASYNCAPI_JSON, ASYNCAPI_YAML } from '../paths.js';
import type { Dialect, WireServerEvent } from './types.js';

export const DIALECT_V1: Dialect = {
  version: 1,
  decode: parseClientFrame,
  // edit_message never comes out of version 1's decode; every other event is version 1's own.
  encode: (event) => event as WireServerEvent,
  clientFrame: (event) => event as ClientEvent,
  validateServer: validateServerEvent,
  validateClient: validateClientEvent,
  path: CHATS_PATH,
  spec: { yaml: ASYNCAPI_YAML, json: ASYNCAPI_JSON },
};
