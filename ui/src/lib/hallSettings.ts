/**
 * The hall settings form (/admin/settings): the server's allowed ranges (src/service/hall.rs
 * `merge`), the checks made before sending, and the PUT body holding only what changed.
 * Kept apart from the page to be tested alone.
 */

/** `GET /api/v1/admin/settings` (typed here so the page does not wait for the generated schema). */
export interface HallSettingsView {
  name: string;
  timezone: string;
  public_url?: string | null;
  max_wait_minutes: number;
  recalls_before_no_show: number;
  green_channel_age: number;
  yellow_within_days: number;
  pledge_days: number;
  follow_up_days: number;
  message_answer_days: number;
  appointment_min_days_ahead: number;
  appointment_max_days_ahead: number;
  appointment_capacity: number;
}

/** `PUT /api/v1/admin/settings`: only the fields given change; `public_url: ""` removes the address. */
export type HallSettingsUpdate = Partial<Omit<HallSettingsView, 'public_url'>> & { public_url?: string };

export type NumberField = Exclude<keyof HallSettingsView, 'name' | 'timezone' | 'public_url'>;
export type SettingsField = keyof HallSettingsView;

/** Inclusive, as the server checks them; a change here must follow one there. */
export const RANGES: Record<NumberField, { min: number; max: number }> = {
  max_wait_minutes: { min: 5, max: 240 },
  recalls_before_no_show: { min: 0, max: 5 },
  green_channel_age: { min: 50, max: 90 },
  yellow_within_days: { min: 1, max: 10 },
  pledge_days: { min: 1, max: 30 },
  follow_up_days: { min: 1, max: 30 },
  message_answer_days: { min: 1, max: 30 },
  appointment_min_days_ahead: { min: 0, max: 10 },
  appointment_max_days_ahead: { min: 1, max: 30 },
  appointment_capacity: { min: 1, max: 100 },
};

export const NAME_MAX_CHARS = 50;
export const URL_MAX_LEN = 200;

/** The form's groups, in the order shown. */
export const GROUPS: { key: string; fields: SettingsField[] }[] = [
  { key: 'hall', fields: ['name', 'timezone', 'public_url'] },
  { key: 'queue', fields: ['max_wait_minutes', 'recalls_before_no_show', 'green_channel_age'] },
  { key: 'deadlines', fields: ['yellow_within_days', 'pledge_days'] },
  { key: 'supervision', fields: ['follow_up_days', 'message_answer_days'] },
  { key: 'appointments', fields: ['appointment_min_days_ahead', 'appointment_max_days_ahead', 'appointment_capacity'] },
];

/** Offered in the time-zone select; any other IANA name can be typed (the server judges it). */
export const COMMON_TIMEZONES = [
  'Asia/Shanghai',
  'Asia/Urumqi',
  'Asia/Hong_Kong',
  'Asia/Macau',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'UTC',
] as const;

export const isNumberField = (f: SettingsField): f is NumberField => f in RANGES;

/** What the inputs hold: a cleared number input gives null. */
export type SettingsForm = { name: string; timezone: string; public_url: string } & Record<NumberField, number | null>;

export function formOf(v: HallSettingsView): SettingsForm {
  return { ...v, public_url: v.public_url ?? '' };
}

/** As the server stores it: trimmed, without trailing slashes. */
export const normalUrl = (u: string) => u.trim().replace(/\/+$/, '');

/** A rule broken before sending, as an i18n key under `settingsAdmin.problem` and its values. */
export interface Problem {
  field: SettingsField;
  key: 'name' | 'timezone' | 'url' | 'required' | 'integer' | 'range' | 'order';
  params?: { min: number; max: number };
}

/**
 * Every rule the server would refuse, except whether a typed time zone exists: browsers and the
 * server's zone database disagree on some aliases, so that is left to the server's answer.
 */
export function checkSettings(f: SettingsForm): Problem[] {
  const problems: Problem[] = [];
  const name = f.name.trim();
  if (!name || [...name].length > NAME_MAX_CHARS) problems.push({ field: 'name', key: 'name' });
  if (!/^[A-Za-z0-9_+\-/]+$/.test(f.timezone.trim())) problems.push({ field: 'timezone', key: 'timezone' });
  const url = normalUrl(f.public_url);
  if (url) {
    const ok = /^https?:\/\/\S+$/.test(url) && url.length <= URL_MAX_LEN;
    if (!ok) problems.push({ field: 'public_url', key: 'url' });
  }
  for (const field of Object.keys(RANGES) as NumberField[]) {
    const v = f[field];
    const range = RANGES[field];
    if (v === null || v === undefined || Number.isNaN(v)) problems.push({ field, key: 'required' });
    else if (!Number.isInteger(v)) problems.push({ field, key: 'integer' });
    else if (v < range.min || v > range.max) problems.push({ field, key: 'range', params: range });
  }
  const lo = f.appointment_min_days_ahead;
  const hi = f.appointment_max_days_ahead;
  if (lo !== null && hi !== null && !problems.some((p) => p.field.startsWith('appointment_') && p.field.endsWith('days_ahead')) && lo > hi) {
    problems.push({ field: 'appointment_min_days_ahead', key: 'order' });
  }
  return problems;
}

/** The PUT body: only the fields that differ from what the server last said. */
export function changedFields(current: HallSettingsView, f: SettingsForm): HallSettingsUpdate {
  const out: HallSettingsUpdate = {};
  const name = f.name.trim();
  if (name !== current.name) out.name = name;
  const tz = f.timezone.trim();
  if (tz !== current.timezone) out.timezone = tz;
  const url = normalUrl(f.public_url);
  if (url !== (current.public_url ?? '')) out.public_url = url;
  for (const field of Object.keys(RANGES) as NumberField[]) {
    const v = f[field];
    if (v !== null && v !== current[field]) out[field] = v;
  }
  return out;
}
