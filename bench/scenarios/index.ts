// The scenarios, in the order a run goes through them.
import { connect } from './connect.js';
import { directMessage } from './direct-message.js';
import { echo } from './echo.js';
import { fanOut } from './fan-out.js';
import { idle } from './idle.js';
import { startup } from './startup.js';
import { typing } from './typing.js';
import type { Scenario } from './types.js';
import { validation } from './validation.js';

export const SCENARIOS: readonly Scenario[] = [echo, directMessage, typing, fanOut, connect, idle, startup, validation];
export type * from './types.js';
