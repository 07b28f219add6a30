// Injected by the desktop shell into the kiosk window: back to the home screen after a while
// without a touch (which also drops anything a citizen left typed in), home again from any
// staff page the app would route to, and, in lockdown, the
// admin's way to the PIN window (Ctrl+Alt+L, or five touches in the top-left corner in 3 s).
(() => {
  const config = __ONETRIP_KIOSK__;
  let last = Date.now();
  const touched = () => {
    last = Date.now();
  };
  for (const type of ['pointerdown', 'keydown', 'touchstart', 'wheel', 'input']) {
    window.addEventListener(type, touched, { capture: true, passive: true });
  }
  setInterval(() => {
    if (Date.now() - last < config.idleSeconds * 1000) return;
    last = Date.now();
    const home = location.pathname === config.homePath && location.search === '';
    const busy = document.querySelector('[role="dialog"], [aria-modal="true"]');
    if (!home || busy) location.replace(location.origin + config.homePath);
  }, 1000);
  // Staff pages are not for the kiosk: a route change inside the app to one of them goes home.
  // (Full page loads to them are refused by the shell itself.)
  const allowed = (path) => config.publicPaths.some((p) => path === p || path.startsWith(`${p}/`));
  const guard = () => {
    if (!allowed(location.pathname)) location.replace(location.origin + config.homePath);
  };
  for (const name of ['pushState', 'replaceState']) {
    const original = history[name].bind(history);
    history[name] = (...args) => {
      const result = original(...args);
      guard();
      return result;
    };
  }
  window.addEventListener('popstate', guard);
  if (!config.lockdown) return;
  const unlock = () => window.__TAURI_INTERNALS__ && window.__TAURI_INTERNALS__.invoke('request_unlock');
  window.addEventListener(
    'keydown',
    (e) => {
      if (e.ctrlKey && e.altKey && (e.key === 'l' || e.key === 'L')) unlock();
    },
    { capture: true },
  );
  let taps = [];
  window.addEventListener(
    'pointerdown',
    (e) => {
      if (e.clientX > 80 || e.clientY > 80) return;
      const now = Date.now();
      taps = taps.filter((t) => now - t < 3000).concat(now);
      if (taps.length >= 5) {
        taps = [];
        unlock();
      }
    },
    { capture: true, passive: true },
  );
})();
