import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiFailure } from '../../../api/client';
import { uploadWorkbook, XLSX_TYPE, type UploadPhase } from './upload';

/** Just enough of XMLHttpRequest: records the request, replays progress and the answer. */
class FakeXhr {
  static last: FakeXhr | null = null;
  static answer: { status: number; body: string } = { status: 200, body: '{}' };
  method = '';
  url = '';
  headers: Record<string, string> = {};
  status = 0;
  statusText = '';
  responseText = '';
  sent: unknown = null;
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null; onload: (() => void) | null } = { onprogress: null, onload: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
    FakeXhr.last = this;
  }
  setRequestHeader(k: string, v: string) {
    this.headers[k] = v;
  }
  send(body: unknown) {
    this.sent = body;
    queueMicrotask(() => {
      this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 200 });
      this.upload.onprogress?.({ lengthComputable: true, loaded: 200, total: 200 });
      this.upload.onload?.();
      this.status = FakeXhr.answer.status;
      this.responseText = FakeXhr.answer.body;
      this.onload?.();
    });
  }
}

afterEach(() => vi.unstubAllGlobals());

const preview = { ok: true, saved: false, problems: [], departments: 13, categories: 5, matters: 40, bundles: 4, counters: 7, changes: [], elapsed_ms: 12 };

describe('uploadWorkbook', () => {
  it('posts the file with the token and reports upload progress, then checking', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    FakeXhr.answer = { status: 200, body: JSON.stringify(preview) };
    const phases: UploadPhase[] = [];
    const file = new Blob(['x']);
    const got = await uploadWorkbook({ token: () => 'tok' }, file, true, (p) => phases.push(p));
    expect(got).toEqual(preview);
    const xhr = FakeXhr.last!;
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/v1/admin/catalog/import?dry_run=true');
    expect(xhr.headers['Content-Type']).toBe(XLSX_TYPE);
    expect(xhr.headers.Authorization).toBe('Bearer tok');
    expect(xhr.sent).toBe(file);
    expect(phases).toEqual([{ phase: 'uploading', percent: 0 }, { phase: 'uploading', percent: 25 }, { phase: 'uploading', percent: 100 }, { phase: 'checking' }]);
  });

  it('takes a refusal that lists problems as a preview', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const bad = { ...preview, ok: false, problems: [{ sheet: '事项', row: 3, column: '承诺时限', message: '承诺时限不能超过法定时限' }] };
    FakeXhr.answer = { status: 422, body: JSON.stringify(bad) };
    await expect(uploadWorkbook({ token: () => null }, new Blob([]), false, () => {})).resolves.toEqual(bad);
    expect(FakeXhr.last!.url).toBe('/api/v1/admin/catalog/import?dry_run=false');
    expect(FakeXhr.last!.headers.Authorization).toBeUndefined();
  });

  it('turns any other refusal into the server’s message, and a 401 into the session rule', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    FakeXhr.answer = { status: 413, body: JSON.stringify({ code: 'too_large', message: '文件过大' }) };
    const err = await uploadWorkbook({ token: () => 't' }, new Blob([]), true, () => {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiFailure);
    expect((err as ApiFailure).message).toBe('文件过大');
    expect((err as ApiFailure).status).toBe(413);

    const onUnauthorized = vi.fn();
    FakeXhr.answer = { status: 401, body: JSON.stringify({ code: 'unauthorized', message: '请重新登录' }) };
    await expect(uploadWorkbook({ token: () => 't', onUnauthorized }, new Blob([]), true, () => {})).rejects.toBeInstanceOf(ApiFailure);
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });
});
