// Keeps the instructor's dashboard live: every few seconds it fetches the server-rendered live
// part (/instructor/classes/:id/live) and swaps it in when it changed. Polling rather than
// server-sent events: progress is written by other parts of the server with no change feed, so
// SSE would poll on the server anyway; a plain GET survives restarts and proxies, and pauses
// while the tab is hidden.
(() => {
  'use strict';
  const INTERVAL_MS = 3000;
  const live = document.getElementById('live');
  if (!live) return;
  const url = live.dataset.liveUrl;
  let last = '';
  let timer = 0;
  let busy = false;

  // A timestamp changes on every render; compare the rest, so an unchanged class does not
  // repaint (and does not reset a hovered tooltip or a half-pressed End button).
  const withoutTime = (html) => html.replace(/<time[^>]*>[^<]*<\/time>/, '');

  async function refresh() {
    if (busy || document.hidden) return;
    busy = true;
    try {
      const response = await fetch(url, { headers: { accept: 'text/html' }, credentials: 'same-origin', cache: 'no-store' });
      if (response.status === 401 || response.status === 403) {
        stop();
        return;
      }
      if (!response.ok) return;
      const html = await response.text();
      const time = live.querySelector('time[data-testid="updated"]');
      const fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('time[data-testid="updated"]');
      if (withoutTime(html) !== last) {
        last = withoutTime(html);
        live.innerHTML = html;
      } else if (time && fresh) {
        time.textContent = fresh.textContent;
        time.setAttribute('datetime', fresh.getAttribute('datetime') || '');
      }
      live.classList.remove('stale');
    } catch {
      live.classList.add('stale');
    } finally {
      busy = false;
    }
  }

  function start() {
    if (!timer) timer = window.setInterval(refresh, INTERVAL_MS);
  }
  function stop() {
    window.clearInterval(timer);
    timer = 0;
  }

  document.addEventListener('visibilitychange', () => {
    if (document.hidden) return;
    refresh();
  });
  start();
})();
