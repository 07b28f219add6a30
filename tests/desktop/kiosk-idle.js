// Run by the desktop shell in the kiosk window (debug builds) for tests/desktop/lockdown.sh:
// the first load takes a ticket and leaves its dialog open; the idle timeout must bring the
// kiosk back to its home screen, which loads the page again (load 2); there it tries a staff
// page, by a full load (refused) and by a route change (sent home: load 3).
(() => {
  const report = (step) => fetch(`/api/v1/desktop-test/${encodeURIComponent(step)}`).catch(() => {});
  const loads = Number(sessionStorage.getItem('onetrip-desktop-test-loads') || '0') + 1;
  sessionStorage.setItem('onetrip-desktop-test-loads', String(loads));
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
  (async () => {
    try {
      await waitFor('kiosk-category-A');
      if (loads === 1) {
        find('kiosk-category-A').click();
        await waitFor('kiosk-ticket-number');
        report('ticket-shown');
      } else {
        report(`load-${loads}-${location.pathname}-${find('kiosk-ticket') ? 'dialog' : 'home'}`);
        if (loads === 2) {
          // A staff page: a full load is refused by the shell, a route change sends the kiosk home.
          location.href = '/counter';
          await new Promise((r) => setTimeout(r, 1500));
          report(`after-staff-nav-${location.pathname}`);
          history.pushState({}, '', '/login');
        }
      }
    } catch (e) {
      report(`error-${e.message}`);
    }
  })();
})();
