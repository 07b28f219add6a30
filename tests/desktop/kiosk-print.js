// Run by the desktop shell in the kiosk window (debug builds, ONETRIP_DESKTOP_TEST_SCRIPT_KIOSK)
// for tests/desktop/smoke.sh: take an A ticket and print its slip, as a citizen would by touch.
// Each step is reported as a request the hall server logs: /api/v1/desktop-test/<step>.
(() => {
  if (sessionStorage.getItem('onetrip-desktop-test')) return;
  sessionStorage.setItem('onetrip-desktop-test', 'ran');
  const find = (id) => document.querySelector(`[data-testid="${id}"]`);
  const waitFor = (id, ms = 30000) =>
    new Promise((resolve, reject) => {
      const start = Date.now();
      const tick = () => {
        const el = find(id);
        if (el) return resolve(el);
        if (Date.now() - start > ms) return reject(new Error(`no ${id}`));
        setTimeout(tick, 100);
      };
      tick();
    });
  const report = (step) => fetch(`/api/v1/desktop-test/${encodeURIComponent(step)}`).catch(() => {});
  (async () => {
    try {
      report(`printer-hook-${typeof window.onetripSlipPrinter}`);
      (await waitFor('kiosk-category-A')).click();
      const number = (await waitFor('kiosk-ticket-number')).textContent.replace(/\s+/g, '');
      report(`ticket-${number}`);
      const qr = (await waitFor('kiosk-ticket-qr')).getAttribute('data-qr-text') || '';
      report(`qr-${qr.split('/').pop()}`);
      (await waitFor('kiosk-ticket-print')).click();
      const outcome = await Promise.race([
        waitFor('kiosk-ticket-printed', 90000).then(() => 'printed'),
        waitFor('kiosk-ticket-print-failed', 90000).then((el) => `print-failed-${el.textContent.trim()}`),
      ]);
      report(`${outcome}-${number}`);
    } catch (e) {
      report(`error-${e.message}`);
    }
  })();
})();
