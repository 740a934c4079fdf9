// A protocol version as the checker sees it: how to build the frames it sends, how to validate
// the frames it receives, and where each field of those frames is (and may be instead). Every
// check goes through a profile, so a later protocol version plugs in as a second profile.
import type { Problem } from '../../protocol/index.js';
import type { FieldSpec } from './locate.js';
import type { ValueJudge } from './values.js';

export type ChatType = 'direct' | 'project';

/** A chat as the checker addresses it. */
export interface ChatRef {
  readonly chatType: ChatType;
  readonly chatId: string | number;
}

/** A server frame checked against the spec: no problems means valid. */
export interface ServerValidation {
  readonly problems: readonly Problem[];
}

/** One field a server frame must carry, and what its value must be. */
export interface FieldExpectation {
  readonly field: FieldSpec;
  readonly judge: ValueJudge;
  /** Among several places that fit, the one whose value this likes is taken. */
  readonly prefer?: (value: unknown) => boolean;
}

/** The frames the checker sends. */
export interface FrameBuilders {
  /** `replyTo` undefined leaves the field out (to test that the server requires it). */
  newMessage(chat: ChatRef, text: string, replyTo: number | null | undefined): object;
  userTyping(chat: ChatRef): object;
  messageRead(chat: ChatRef, messageId: number): object;
  deleteMessage(chat: ChatRef, messageId: number): object;
  presence(type: 'set_online' | 'set_offline'): object;
  /** A frame of a type no version of the protocol has. */
  unknownType(type: string): object;
}

/** What a message the checker sent says, read back from the frame it sent. */
export interface SentMessage {
  readonly chat: ChatRef;
  readonly text: string;
}

/** How an error frame is written: as the spec says, as the reference backend wrote it, or not an error. */
export type ErrorForm = 'spec' | 'reference' | null;

export interface ProtocolProfile {
  readonly version: number;
  /** The endpoint's path as the spec names it, then the paths servers are known to use instead. */
  readonly paths: readonly string[];
  validate(data: unknown): ServerValidation;
  readonly build: FrameBuilders;
  /** The new_message the frame is, when it is one. */
  sentMessage(frame: unknown): SentMessage | null;
  readonly fields: {
    readonly chatType: FieldSpec;
    readonly chatId: FieldSpec;
    /** The id of a message in a new_message. */
    readonly messageId: FieldSpec;
    readonly author: FieldSpec;
    /** The id of the message an event is about (message_read, delete_message). */
    readonly targetMessageId: FieldSpec;
    /** Who acted (typing, reading, presence). */
    readonly userId: FieldSpec;
    readonly errorCode: FieldSpec;
    readonly errorEventType: FieldSpec;
    readonly errorProblems: FieldSpec;
  };
  errorForm(data: unknown): ErrorForm;
  /** The spec's shape of an error event, for reports. */
  readonly errorShape: string;
  readonly expect: {
    newMessage(
      chat: ChatRef,
      message: { authorId: number; text: string; replyTo: number | null; knownIds: ReadonlySet<number> },
    ): FieldExpectation[];
    userTyping(chat: ChatRef, userId: number): FieldExpectation[];
    messageRead(chat: ChatRef, userId: number, messageId: number): FieldExpectation[];
    deleteMessage(chat: ChatRef, messageId: number): FieldExpectation[];
    presence(userId: number): FieldExpectation[];
  };
}
