// "Act as": pick a fixture user, an event and a chat, fill in the fields (a form built from the
// event's schema in the spec, prefilled with the spec's example), and send it through
// POST /__mock/act-as/:userId. The validator's problems show next to the fields: as you type
// (the protocol's validator, bundled in), and after sending (the mock's answer, authoritative).
import type { ValidationResult } from '../../protocol/index.js';
import { actAs, deliveredTo, type MockState, type MockUserInfo, type Problem } from './api.js';
import { chatChoices, chatKey, defaultUser, fitExampleToChat, preferredChat, type ChatChoice } from './chat-choices.js';
import { chatLabel, type UserNames } from './describe.js';
import { h, replaceChildren } from './dom.js';
import { fieldInput } from './field-input.js';
import { jsonView } from './json-view.js';
import {
  buildFrame,
  eventForm,
  exampleFor,
  fieldForPointer,
  inputText,
  variantFor,
  type EventForm,
  type FieldSpec,
  type InputState,
  type SpecDocument,
  type Variant,
} from './schema-form.js';

type ChatSummary = MockState['chats'][number];

/** The chat list's "type the fields yourself" entry. */
const CUSTOM = '';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export class ActAsPanel {
  private users: MockUserInfo[] = [];
  private state: MockState | null = null;
  private form: EventForm | undefined;
  private variant: Variant | undefined;
  private inputs = new Map<string, InputState>();
  private sending = false;
  /** The person picked "other" in the chat list (or typed a chat id) rather than a chat. */
  private customChat = false;

  private readonly userSelect = h('select', { id: 'act-user', name: 'user' });
  private readonly eventSelect = h('select', { id: 'act-event', name: 'event' });
  private readonly chatSelect = h('select', { id: 'act-chat', name: 'chat' });
  private readonly chatRow = h(
    'div',
    { class: 'control chat-control' },
    h('label', { for: 'act-chat' }, 'Chat'),
    this.chatSelect,
  );
  private readonly note = h('p', { class: 'example-note' });
  private readonly fields = h('div', { class: 'fields', id: 'act-fields' });
  private readonly general = h('ul', { class: 'field-problems general-problems', 'data-pointer': '' });
  private readonly preview = h('div', { class: 'frame-preview' });
  private readonly sendButton = h('button', { type: 'submit', class: 'primary', id: 'act-send' }, 'Send');
  private readonly result = h('div', { class: 'act-result', id: 'act-result', role: 'status', 'aria-live': 'polite' });

  constructor(
    root: HTMLElement,
    private readonly spec: SpecDocument,
    eventTypes: readonly string[],
    private readonly names: UserNames,
    /** The client validator of the protocol version the mock speaks. */
    private readonly validateClientEvent: (frame: unknown) => ValidationResult<unknown>,
  ) {
    const form = h(
      'form',
      { id: 'act-form', novalidate: true, autocomplete: 'off' },
      h('div', { class: 'control' }, h('label', { for: 'act-user' }, 'Act as'), this.userSelect),
      h('div', { class: 'control' }, h('label', { for: 'act-event' }, 'Event'), this.eventSelect),
      this.chatRow,
      this.note,
      this.fields,
      this.general,
      h('details', { class: 'frame-details' }, h('summary', {}, 'Frame to send'), this.preview),
      h('div', { class: 'actions' }, this.sendButton, h('span', { class: 'muted' }, 'via POST /__mock/act-as/:userId')),
      this.result,
    );
    replaceChildren(root, form);
    replaceChildren(
      this.eventSelect,
      eventTypes.map((t) => h('option', { value: t }, t)),
    );
    this.eventSelect.value = eventTypes.includes('new_message') ? 'new_message' : (eventTypes[0] ?? '');
    this.userSelect.addEventListener('change', () => {
      this.fillChats();
      this.prefill();
    });
    this.eventSelect.addEventListener('change', () => this.prefill());
    this.chatSelect.addEventListener('change', () => {
      this.customChat = this.chatSelect.value === CUSTOM;
      this.prefill();
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.send();
    });
  }

  setUsers(users: MockUserInfo[]): void {
    const current = this.userSelect.value;
    this.users = users;
    replaceChildren(
      this.userSelect,
      users.map((u) =>
        h('option', { value: String(u.id) }, `${u.first_name} ${u.last_name} (${u.id})${u.bot ? ' · bot' : ''}`),
      ),
    );
    const keep = users.some((u) => String(u.id) === current);
    this.userSelect.value = keep ? current : String(defaultUser(this.currentForm(), users)?.id ?? '');
    this.fillChats();
    this.prefill();
  }

  setState(state: MockState): void {
    const first = this.state === null;
    this.state = state;
    const chat = this.chatSelect.value;
    this.fillChats();
    if (first || this.chatSelect.value !== chat) this.prefill();
  }

  /** Selects a chat (and, when the current user is not a member, one of its members). */
  actIn(chat: ChatSummary): void {
    if (!chat.member_ids.includes(this.userId())) {
      const member = chat.member_ids.find((id) => this.users.some((u) => u.id === id && !u.bot)) ?? chat.member_ids[0];
      if (member !== undefined) this.userSelect.value = String(member);
      this.fillChats();
    }
    this.chatSelect.value = chatKey(chat.chat_type, chat.chat_id);
    this.customChat = false;
    this.prefill();
    this.userSelect.focus();
  }

  private userId(): number {
    return Number(this.userSelect.value);
  }

  private currentForm(): EventForm | undefined {
    return eventForm(this.spec, this.eventSelect.value);
  }

  private choices(): ChatChoice[] {
    return chatChoices(this.userId(), this.state?.chats ?? [], this.users);
  }

  private fillChats(): void {
    const current = this.chatSelect.value;
    const choices = this.choices();
    const group = (label: string, list: ChatChoice[]): HTMLOptGroupElement | null =>
      list.length
        ? h(
            'optgroup',
            { label },
            list.map((c) => h('option', { value: c.key }, c.label)),
          )
        : null;
    replaceChildren(
      this.chatSelect,
      group(
        'Project chats',
        choices.filter((c) => c.exists && c.chatType === 'project'),
      ),
      group(
        'Direct chats',
        choices.filter((c) => c.exists && c.chatType === 'direct'),
      ),
      group(
        'New direct chat with…',
        choices.filter((c) => !c.exists),
      ),
      h('option', { value: CUSTOM }, 'other (type the fields below)'),
    );
    if (this.customChat) this.chatSelect.value = CUSTOM;
    else if (choices.some((c) => c.key === current)) this.chatSelect.value = current;
    else this.chatSelect.value = preferredChat(this.currentForm(), choices)?.key ?? CUSTOM;
  }

  /** Rebuilds the fields for the event and chat, prefilled from the spec's example. */
  private prefill(): void {
    const type = this.eventSelect.value;
    this.form = this.currentForm();
    if (!this.form) {
      replaceChildren(this.fields, h('p', { class: 'problem' }, `The spec has no client event ${type}.`));
      return;
    }
    const isChatEvent = this.form.variants.some((v) => v.chatType !== null);
    this.chatRow.hidden = !isChatEvent;
    const chat = isChatEvent ? this.choices().find((c) => c.key === this.chatSelect.value) : undefined;
    this.variant = variantFor(this.form, chat?.chatType ?? this.variant?.chatType ?? null);
    const example = exampleFor(this.form, this.variant.chatType);
    const exampleName = this.form.examples.find((e) => e.payload === example)?.name;
    const content = isObject(example?.content) ? example.content : {};
    const { values, adapted } = chat
      ? fitExampleToChat(content, chat, this.userId(), type, this.state?.messages ?? [])
      : { values: content, adapted: false };
    this.inputs = new Map(
      this.variant.fields.map((f) => [f.name, { text: inputText(f, values[f.name]), isNull: values[f.name] === null }]),
    );
    const where = adapted && chat ? `, adapted to ${chatLabel(chat.chatType, chat.chatId)}` : '';
    replaceChildren(
      this.note,
      exampleName ? `Prefilled from the spec's example “${exampleName}”${where}.` : '',
      this.form.variants[0]?.fields.length === 0 ? ' No fields: content is {}.' : '',
      this.form.summary ? h('span', { class: 'muted' }, ` ${this.form.summary}`) : null,
    );
    this.renderFields();
    this.result.replaceChildren();
    this.check();
  }

  private renderFields(): void {
    const variant = this.variant;
    if (!variant) return;
    replaceChildren(
      this.fields,
      variant.fields.map((f) => this.field(f)),
    );
  }

  private field(field: FieldSpec): HTMLElement {
    const form = this.form;
    const chooseVariant = field.name === 'chat_type' && form && form.variants.length > 1;
    return fieldInput(field, {
      state: this.inputs.get(field.name) ?? { text: '' },
      onChange: (next) => {
        this.inputs.set(field.name, { ...(this.inputs.get(field.name) ?? { text: '' }), ...next });
        if (field.name === 'chat_id') this.useCustomChat();
        this.check();
      },
      ...(chooseVariant
        ? {
            variants: {
              values: form.variants.map((v) => v.chatType ?? ''),
              // Another chat type: another variant, another set of fields (the common ones keep their text).
              onSelect: (value: string) => {
                this.useCustomChat();
                this.variant = variantFor(form, value);
                const kept = new Map(this.inputs);
                this.inputs = new Map(this.variant.fields.map((f) => [f.name, kept.get(f.name) ?? { text: '' }]));
                this.renderFields();
                this.check();
              },
            },
          }
        : {}),
    });
  }

  private useCustomChat(): void {
    this.chatSelect.value = CUSTOM;
    this.customChat = true;
  }

  private frame(): Record<string, unknown> {
    if (!this.variant) return {};
    return buildFrame(this.eventSelect.value, this.variant, this.inputs);
  }

  /** The bundled validator, as you type. */
  private check(): void {
    const frame = this.frame();
    replaceChildren(this.preview, jsonView(frame));
    const result = this.validateClientEvent(frame);
    this.showProblems(result.ok ? [] : result.problems, 'client');
    const user = this.users.find((u) => u.id === this.userId());
    this.sendButton.textContent = user ? `Send as ${this.names.short(user.id)}` : 'Send';
  }

  /** Shows problems next to their fields; `source` says whether the page or the mock found them. */
  private showProblems(problems: readonly Problem[], source: 'client' | 'server'): void {
    const variant = this.variant;
    this.fields.querySelectorAll('.field-problems').forEach((list) => list.replaceChildren());
    this.general.replaceChildren();
    this.fields.querySelectorAll('.field').forEach((row) => row.classList.remove('has-problem'));
    for (const problem of problems) {
      const name = variant ? fieldForPointer(variant, problem.pointer) : null;
      const list = name
        ? this.fields.querySelector<HTMLUListElement>(`.field[data-field="${name}"] .field-problems`)
        : null;
      const item = h(
        'li',
        { class: `problem from-${source}`, 'data-code': problem.code, 'data-pointer': problem.pointer },
        problem.message,
        h('span', { class: 'problem-code' }, problem.code),
      );
      if (list) {
        list.append(item);
        list.closest('.field')?.classList.add('has-problem');
      } else {
        this.general.append(item);
      }
    }
    const warn = source === 'client' && problems.length > 0;
    this.sendButton.classList.toggle('warn', warn);
    this.sendButton.title = warn
      ? 'The validator will refuse this frame; send it anyway to see what the mock answers.'
      : '';
  }

  private async send(): Promise<void> {
    if (this.sending) return;
    const userId = this.userId();
    const frame = this.frame();
    this.sending = true;
    this.sendButton.disabled = true;
    this.result.className = 'act-result pending';
    this.result.textContent = 'Sending…';
    try {
      const outcome = await actAs(userId, frame);
      if (outcome.ok) {
        this.showProblems([], 'server');
        this.result.className = 'act-result ok';
        replaceChildren(
          this.result,
          h('strong', {}, 'Accepted.'),
          ' ',
          this.deliverySummary(outcome.body),
          ' The frames are at the top of the traffic list.',
        );
      } else {
        this.showProblems(outcome.problems, 'server');
        this.result.className = 'act-result refused';
        const code = outcome.code ? `, ${outcome.code}` : '';
        replaceChildren(this.result, h('strong', {}, `Refused (HTTP ${outcome.status}${code}).`), ' ', outcome.message);
      }
    } catch (err) {
      this.result.className = 'act-result refused';
      this.result.textContent = `Could not reach the mock: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      this.sending = false;
      this.sendButton.disabled = false;
      this.result.scrollIntoView({ block: 'nearest' });
    }
  }

  private deliverySummary(body: unknown): string {
    const delivered = deliveredTo(body);
    if (!delivered) return '';
    if (delivered.connections === 0) return 'Nobody who should receive it is connected.';
    const who = delivered.userIds.map((id) => this.names.short(id)).join(', ');
    return `Delivered to ${delivered.connections} connection${delivered.connections === 1 ? '' : 's'} (${who}).`;
  }
}
