import { describe, expect, it } from 'vitest';
import { changedFields, checkSettings, COMMON_TIMEZONES, formOf, GROUPS, RANGES, type HallSettingsView } from './hallSettings';

const current: HallSettingsView = {
  name: '某某市民中心',
  timezone: 'Asia/Shanghai',
  public_url: null,
  max_wait_minutes: 30,
  recalls_before_no_show: 2,
  green_channel_age: 60,
  yellow_within_days: 3,
  pledge_days: 10,
  follow_up_days: 3,
  message_answer_days: 5,
  appointment_min_days_ahead: 1,
  appointment_max_days_ahead: 5,
  appointment_capacity: 5,
};

describe('hall settings checks', () => {
  it('accepts the settings as the server gives them', () => {
    expect(checkSettings(formOf(current))).toEqual([]);
  });

  it('mirrors the server ranges at both ends', () => {
    for (const [field, { min, max }] of Object.entries(RANGES)) {
      const at = (v: number) => checkSettings({ ...formOf(current), appointment_min_days_ahead: 0, appointment_max_days_ahead: 30, [field]: v });
      expect(at(min), `${field}=${min}`).toEqual([]);
      expect(at(max), `${field}=${max}`).toEqual([]);
      expect(at(min - 1).map((p) => [p.field, p.key])).toContainEqual([field, 'range']);
      expect(at(max + 1).map((p) => [p.field, p.key])).toContainEqual([field, 'range']);
    }
    expect(RANGES.max_wait_minutes).toEqual({ min: 5, max: 240 });
    expect(checkSettings({ ...formOf(current), max_wait_minutes: 1 })).toEqual([{ field: 'max_wait_minutes', key: 'range', params: { min: 5, max: 240 } }]);
  });

  it('wants whole numbers and no empty inputs', () => {
    const f = { ...formOf(current), pledge_days: null, follow_up_days: 2.5 };
    expect(checkSettings(f).map((p) => [p.field, p.key])).toEqual([
      ['pledge_days', 'required'],
      ['follow_up_days', 'integer'],
    ]);
  });

  it('checks the name, the time zone and the public address', () => {
    expect(checkSettings({ ...formOf(current), name: '   ' })).toEqual([{ field: 'name', key: 'name' }]);
    expect(checkSettings({ ...formOf(current), name: '厅'.repeat(50) })).toEqual([]);
    expect(checkSettings({ ...formOf(current), name: '厅'.repeat(51) })).toEqual([{ field: 'name', key: 'name' }]);
    expect(checkSettings({ ...formOf(current), timezone: '' })).toEqual([{ field: 'timezone', key: 'timezone' }]);
    expect(checkSettings({ ...formOf(current), timezone: 'Asia/Shang hai' })).toEqual([{ field: 'timezone', key: 'timezone' }]);
    // whether the zone exists is the server's call
    expect(checkSettings({ ...formOf(current), timezone: 'Etc/GMT+8' })).toEqual([]);
    expect(checkSettings({ ...formOf(current), public_url: 'https://hall.example.gov.cn/' })).toEqual([]);
    for (const bad of ['hall.example.gov.cn', 'https://', 'https://a b', `https://${'a'.repeat(200)}`]) {
      expect(checkSettings({ ...formOf(current), public_url: bad }), bad).toEqual([{ field: 'public_url', key: 'url' }]);
    }
  });

  it('refuses a booking window that opens after it closes', () => {
    expect(checkSettings({ ...formOf(current), appointment_min_days_ahead: 6, appointment_max_days_ahead: 5 })).toEqual([
      { field: 'appointment_min_days_ahead', key: 'order' },
    ]);
    expect(checkSettings({ ...formOf(current), appointment_min_days_ahead: 5, appointment_max_days_ahead: 5 })).toEqual([]);
  });
});

describe('the PUT body', () => {
  it('is empty when nothing changed', () => {
    expect(changedFields(current, formOf(current))).toEqual({});
    expect(changedFields(current, { ...formOf(current), name: ` ${current.name} ` })).toEqual({});
  });

  it('holds only the changed fields, trimmed', () => {
    expect(changedFields(current, { ...formOf(current), name: ' 新区政务服务中心 ', yellow_within_days: 4 })).toEqual({
      name: '新区政务服务中心',
      yellow_within_days: 4,
    });
  });

  it('sets and clears the public address', () => {
    expect(changedFields(current, { ...formOf(current), public_url: 'https://hall.example.gov.cn/' })).toEqual({ public_url: 'https://hall.example.gov.cn' });
    const withUrl = { ...current, public_url: 'https://hall.example.gov.cn' };
    expect(changedFields(withUrl, formOf(withUrl))).toEqual({});
    expect(changedFields(withUrl, { ...formOf(withUrl), public_url: '  ' })).toEqual({ public_url: '' });
  });

  it('leaves out a cleared number input', () => {
    expect(changedFields(current, { ...formOf(current), appointment_capacity: null })).toEqual({});
  });
});

describe('the form layout', () => {
  it('shows every setting once and offers Asia/Shanghai first', () => {
    const shown = GROUPS.flatMap((g) => g.fields).sort();
    expect(shown).toEqual(Object.keys(current).sort());
    expect(COMMON_TIMEZONES[0]).toBe('Asia/Shanghai');
  });
});
