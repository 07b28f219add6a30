/**
 * 网民留言 on the citizen's side: the form's checks (the server's limits, so a mistake is shown
 * before sending, in the same words), the request it sends, and the receipt's query code.
 */
import { normalizePhone } from './phone';

export const MESSAGE_KINDS = ['consultation', 'suggestion', 'complaint'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const TITLE_MAX = 50;
export const BODY_MAX = 1000;
export const NAME_MAX = 50;
export const QUERY_CODE_LENGTH = 12;
const CODE_CHARS = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]*$/;

export interface MessageDraft {
  kind: MessageKind | '';
  title: string;
  body: string;
  name: string;
  phone: string;
}

export type DraftField = keyof MessageDraft;

export const emptyDraft = (kind: MessageKind | '' = ''): MessageDraft => ({ kind, title: '', body: '', name: '', phone: '' });

const chars = (s: string) => [...s.trim()].length;

/** The i18n key (under `messages.form.problem`) of each field's first problem. */
export function draftProblems(d: MessageDraft): Partial<Record<DraftField, string>> {
  const p: Partial<Record<DraftField, string>> = {};
  if (!d.kind) p.kind = 'kind';
  if (!chars(d.title)) p.title = 'titleMissing';
  else if (chars(d.title) > TITLE_MAX) p.title = 'titleTooLong';
  if (!chars(d.body)) p.body = 'bodyMissing';
  else if (chars(d.body) > BODY_MAX) p.body = 'bodyTooLong';
  if (chars(d.name) > NAME_MAX) p.name = 'nameTooLong';
  if (normalizePhone(d.phone) === null) p.phone = 'phone';
  return p;
}

export interface SubmitMessageBody {
  kind: MessageKind;
  title: string;
  body: string;
  name?: string;
  phone: string;
}

/** The request for a draft without problems; a blank name is left out. */
export function messageRequest(d: MessageDraft): SubmitMessageBody {
  if (!d.kind) throw new Error('kind missing');
  const name = d.name.trim();
  return {
    kind: d.kind,
    title: d.title.trim(),
    body: d.body.trim(),
    ...(name ? { name } : {}),
    phone: normalizePhone(d.phone) ?? d.phone.trim(),
  };
}

/** As the receipt prints it, upper case without spaces or hyphens. */
export function normalizeQueryCode(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

/** null when it could be a query code; otherwise why not (`chars` or `length`). */
export function queryCodeProblem(raw: string): 'chars' | 'length' | null {
  const code = normalizeQueryCode(raw);
  if (!CODE_CHARS.test(code)) return 'chars';
  return code.length === QUERY_CODE_LENGTH ? null : 'length';
}

/** In groups of four, easier to copy down: `ABCD-EFGH-JKMN`. */
export function groupQueryCode(code: string): string {
  return normalizeQueryCode(code).replace(/(.{4})(?=.)/g, '$1-');
}
