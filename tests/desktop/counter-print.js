// Run by the desktop shell in the counter window (debug builds, ONETRIP_DESKTOP_TEST_SCRIPT_COUNTER)
// for tests/desktop/smoke.sh: record a refusal (不予受理) with the window's staff session and
// print its sealed A4 notice through the shell's document printer, as the notice's 打印 button
// does. Each step is reported as a request the hall server logs: /api/v1/desktop-test/<step>.
(() => {
  if (sessionStorage.getItem('onetrip-desktop-test')) return;
  sessionStorage.setItem('onetrip-desktop-test', 'ran');
  const report = (step) => fetch(`/api/v1/desktop-test/${encodeURIComponent(step)}`).catch(() => {});
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  (async () => {
    try {
      let token = '';
      for (let i = 0; i < 300 && !token; i++) {
        try {
          token = JSON.parse(localStorage.getItem('onetrip.session') || 'null')?.token || '';
        } catch {
          token = '';
        }
        if (!token) await sleep(100);
      }
      if (!token) throw new Error('no staff session');
      const auth = { Authorization: `Bearer ${token}` };
      const res = await fetch('/api/v1/intake/refusals', {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          matter: '出入境证件办理',
          applicant_name: '张三',
          reason: '不属于本厅受理范围',
          where_to_apply: '市公安局出入境管理支队',
        }),
      });
      if (res.status !== 201) throw new Error(`refusal ${res.status}`);
      const notice = await res.json();
      const pdf = await (await fetch(`/api/v1/intake/notices/${notice.id}/document.pdf`, { headers: auth })).blob();
      report(`a4-hook-${typeof window.onetripDocumentPrinter}`);
      await window.onetripDocumentPrinter.print(pdf, `notice-${notice.id}`);
      report(`a4-printed-${notice.id}`);
    } catch (e) {
      report(`a4-error-${e && e.message ? e.message : JSON.stringify(e)}`);
    }
  })();
})();
