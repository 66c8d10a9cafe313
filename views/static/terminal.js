// The browser side of the sandbox terminal: xterm.js (served by Deckhand from npm) over a
// WebSocket to /sandboxes/:id/terminal. Frames are JSON both ways. A dropped connection is
// retried with back-off; the server keeps the shell, so a reconnect resumes it with its output.
import { Terminal } from '/vendor/xterm/xterm.mjs';
import { FitAddon } from '/vendor/xterm/addon-fit.mjs';

// Close codes after which reconnecting would not help (see src/terminal/terminal-session.ts).
const FINAL = new Set([4000, 4403, 4410]);

function mount(element) {
  const stateLabel = element.closest('.terminal-panel')?.querySelector('[data-terminal-state]');
  const term = new Terminal({
    cursorBlink: true,
    convertEol: false,
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    fontSize: 14,
    scrollback: 5000,
    theme: { background: '#11151c', foreground: '#e6e9ee' },
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(element);
  fit.fit();

  let socket;
  let retries = 0;
  let exited = false;

  const setState = (state, text) => {
    element.dataset.state = state;
    if (stateLabel) stateLabel.textContent = text;
  };
  const send = (frame) => {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
  };
  const sendSize = () => send({ type: 'resize', cols: term.cols, rows: term.rows });

  // Copy and paste the way terminals do: Ctrl+C stays an interrupt unless text is selected.
  term.attachCustomKeyEventHandler((event) => {
    if (event.type !== 'keydown') return true;
    const key = event.key.toLowerCase();
    if (event.ctrlKey && key === 'c' && (event.shiftKey || term.hasSelection())) {
      navigator.clipboard?.writeText(term.getSelection()).catch(() => {});
      term.clearSelection();
      return false;
    }
    // Returning false lets the browser fire its own paste event, which xterm turns into input.
    if (event.ctrlKey && event.shiftKey && key === 'v') return false;
    return true;
  });

  term.onData((data) => {
    if (exited) {
      // The shell ended: any key opens a fresh one.
      exited = false;
      term.reset();
      connect();
      return;
    }
    send({ type: 'input', data });
  });
  term.onResize(sendSize);
  new ResizeObserver(() => fit.fit()).observe(element);

  function connect() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(`${scheme}//${location.host}${element.dataset.socketPath}`);
    setState('connecting', retries > 0 ? 'reconnecting…' : 'connecting…');
    socket.addEventListener('open', () => {
      retries = 0;
      sendSize();
    });
    socket.addEventListener('message', (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (frame.type === 'hello') {
        // A resumed shell replays its recent output next: start from a clean screen.
        if (frame.resumed) term.reset();
        setState('connected', 'connected');
        term.focus();
      } else if (frame.type === 'output') {
        term.write(frame.data);
      } else if (frame.type === 'error') {
        console.warn('terminal:', frame.message);
      } else if (frame.type === 'exit') {
        exited = true;
        term.write(`\r\n\x1b[33m${frame.message} Press any key to open a new shell.\x1b[0m\r\n`);
        setState('closed', 'shell ended');
      }
    });
    socket.addEventListener('close', (event) => {
      if (exited) return;
      if (FINAL.has(event.code)) {
        setState('closed', event.code === 4000 ? 'opened in another tab' : event.reason || 'closed');
        return;
      }
      retries += 1;
      const delay = Math.min(5000, 250 * 2 ** Math.min(retries, 5));
      setState('connecting', `disconnected — retrying in ${Math.round(delay / 1000) || 1} s`);
      setTimeout(connect, delay);
    });
  }

  connect();
  element.deckhandTerminal = { term, send, socket: () => socket };
}

for (const element of document.querySelectorAll('[data-terminal]')) mount(element);
