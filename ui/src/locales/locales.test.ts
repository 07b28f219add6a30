import { describe, expect, it } from 'vitest';
import en from './en.json';
import zhCN from './zh-CN.json';

function leaves(obj: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
    else out.set(key, String(v));
  }
  return out;
}
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  const zh = leaves(zhCN);
  const enl = leaves(en);

  it('have the same keys', () => {
    expect([...enl.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('have no empty message and the same placeholders', () => {
    for (const [key, msg] of zh) {
      expect(msg.trim(), key).not.toBe('');
      expect(enl.get(key)?.trim(), key).not.toBe('');
      expect(placeholders(enl.get(key) ?? ''), key).toEqual(placeholders(msg));
    }
  });

  it('avoid vue-i18n special characters that would need escaping', () => {
    for (const [key, msg] of [...zh, ...enl]) expect(msg, key).not.toMatch(/[@|$%]/);
  });

  it('name the hall as the brief says', () => {
    expect(zhCN.app.hallName).toBe('只跑一次综合服务大厅');
    expect(zhCN.common.networkError).toBe('无法连接服务器，请稍后重试');
    expect(zhCN.device.pairingTitle).toBe('请管理员为本终端配置设备令牌');
  });
});
