// The review page answered in the page: space reveals, 1–4 grade, u undoes, e edits the card;
// - buries it until tomorrow, @ or ! suspends it, f flags it, i opens its info, ? lists the keys.
// Grades and undo go through the JSON API, one request each, and the next card is swapped into
// the same markup: the page holds the card after the current one (data-after, then each reply's
// `after`), so it shows at once while the answer is saved. The address follows the card
// (/review?card=…&reveal=1), so a reload comes back to it. Card actions go through
// /api/review/cards/<id>/<action> the same way. Without this script every control is a plain link
// or form; after a network failure the page goes back to those forms. A topic the learner chose
// (/review?topic=…, data-topic) rides along on every address and API call, so the session stays on it.
(() => {
  const root = document.getElementById('review');
  if (!root) return;
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
  const MESSAGE_KEY = 'deckhand.review.message';
  const byId = (id) => document.getElementById(id);
  const article = () => document.querySelector('article.flashcard');
  const topic = root.dataset.topic ?? '';
  const topicQuery = topic ? `?topic=${encodeURIComponent(topic)}` : '';

  /** The card on screen and the one after it, as the API sends them: { card, buttons, intervalNote, flagged }. */
  let current = parse(root.dataset.current);
  let after = parse(root.dataset.after);
  let revealed = Boolean(current) && byId('answer')?.hidden === false;
  let shownAt = Date.now();
  let busy = false;
  let formsOnly = false;
  let leaving = false;
  /** What `u` undoes: the last answer, unless a bury or suspend came after it ({ cardId, undo }). */
  let lastAction = null;

  function parse(json) {
    try {
      return json ? JSON.parse(json) : null;
    } catch {
      return null;
    }
  }

  // The same addresses as reviewUrl in src/web/routes/review-routes.ts.
  function reviewUrl(cardId, reveal) {
    const params = [];
    if (cardId) params.push(`card=${encodeURIComponent(cardId)}`);
    if (cardId && reveal) params.push('reveal=1');
    if (topic) params.push(`topic=${encodeURIComponent(topic)}`);
    return params.length === 0 ? '/review' : `/review?${params.join('&')}`;
  }

  function showMessage(text, kind = 'error') {
    const message = byId('review-message');
    if (!message) return;
    message.className = kind;
    message.textContent = text;
    message.hidden = !text;
  }

  // The answer sits in a polite live region (review.ejs): un-hiding it is what screen readers
  // announce, so focus stays where it was and Tab goes on to the grade buttons.
  function show() {
    const answer = byId('answer');
    const grades = byId('grades');
    if (!answer || !grades || !current) return;
    answer.hidden = false;
    grades.hidden = false;
    const reveal = byId('reveal');
    if (reveal) reveal.hidden = true;
    const note = byId('interval-note');
    if (note) note.hidden = !current.intervalNote;
    revealed = true;
    setRevealField();
    history.replaceState(null, '', reviewUrl(current.card.id, true));
  }

  // The card action forms name the card in their address: they follow the card on screen, so
  // that after a fall back to forms they still act on the right one.
  function actionForms() {
    return [...document.querySelectorAll('#card-actions form[data-action]')];
  }

  function pointActionsAt(cardId) {
    for (const form of actionForms()) form.action = `/review/cards/${encodeURIComponent(cardId)}/${form.dataset.action}${topicQuery}`;
  }

  function showFlag(flagged) {
    const form = byId('flag-form');
    const button = byId('flag-button');
    if (form) form.dataset.action = flagged ? 'unflag' : 'flag';
    if (button) {
      button.setAttribute('aria-pressed', String(flagged));
      const label = button.querySelector('.flag-label');
      if (label) label.textContent = flagged ? 'Flagged' : 'Flag';
    }
    if (current) pointActionsAt(current.card.id);
  }

  function setRevealField() {
    const field = document.querySelector('#flag-form input[name="reveal"]');
    if (field) field.value = revealed ? '1' : '0';
  }

  function setBusy(value) {
    busy = value;
    const grades = byId('grades');
    if (!grades) return;
    if (value) grades.setAttribute('aria-busy', 'true');
    else grades.removeAttribute('aria-busy');
  }

  function updateCounts(counts) {
    const left = document.querySelector('[data-testid="left"]');
    if (left) left.textContent = `${counts.left} left`;
    const queue = byId('queue-counts');
    if (queue) queue.textContent = `· ${counts.due} due · ${counts.new} new${counts.drill ? ` · ${counts.drill} again` : ''}`;
  }

  function answerElement(card) {
    const command = card.kind === 'command';
    const element = document.createElement(command ? 'pre' : 'p');
    element.className = command ? 'answer-text answer-command' : 'answer-text';
    element.dataset.testid = 'answer';
    element.tabIndex = -1;
    if (command) {
      const code = document.createElement('code');
      code.textContent = card.answer;
      element.append(code);
    } else {
      element.textContent = card.answer;
    }
    return element;
  }

  function topicLine(card) {
    const parts = [document.createTextNode(card.topic)];
    const badge = card.queue === 'new' ? ['badge', 'new'] : card.queue === 'drill' ? ['badge warn', 'again today'] : null;
    if (badge) {
      const span = document.createElement('span');
      span.className = badge[0];
      span.textContent = badge[1];
      parts.push(document.createTextNode(' · '), span);
    }
    return parts;
  }

  /**
   * Puts `shown` (or "done for today" for null) on screen, revealed or not, in the server's markup.
   * `keep` is for a reply that confirms the card already on screen: its clock and focus stay.
   */
  function render(shown, reveal, keep = false) {
    const card = article();
    const done = byId('done');
    if (!shown) {
      current = null;
      if (card) card.hidden = true;
      if (done) {
        done.hidden = false;
        const heading = done.querySelector('h1');
        if (heading) {
          heading.tabIndex = -1;
          heading.focus({ preventScroll: true });
        }
      }
      history.replaceState(null, '', reviewUrl());
      return;
    }
    // A page that opened on "done for today" has no card markup to fill: load the card's page.
    if (!card) {
      leaving = true;
      location.assign(reviewUrl(shown.card.id, reveal));
      return;
    }
    const focusWasHere = document.activeElement === document.body || card.contains(document.activeElement);
    current = shown;
    card.hidden = false;
    if (done) done.hidden = true;
    card.dataset.cardId = shown.card.id;
    byId('card-topic')?.replaceChildren(...topicLine(shown.card));
    const prompt = card.querySelector('[data-testid="prompt"]');
    if (prompt) prompt.textContent = shown.card.prompt;
    // Rewriting a revealed answer would make the live region read it out again.
    const shownAnswer = card.querySelector('[data-testid="answer"]');
    const sameAnswer = shownAnswer?.textContent === shown.card.answer && (shownAnswer?.tagName === 'PRE') === (shown.card.kind === 'command');
    if (shownAnswer && !sameAnswer) shownAnswer.replaceWith(answerElement(shown.card));
    const source = byId('card-source');
    if (source) source.textContent = `${shown.card.sourceFile}:${shown.card.sourceLine}`;
    const edit = byId('edit-card');
    if (edit) edit.href = `/cards/${encodeURIComponent(shown.card.id)}/edit?back=${encodeURIComponent(reviewUrl(shown.card.id, true))}`;
    const info = byId('card-info');
    if (info) info.href = `/browse/cards/${encodeURIComponent(shown.card.id)}?from=review`;
    showFlag(Boolean(shown.flagged));
    const revealLink = byId('reveal');
    if (revealLink) {
      revealLink.href = reviewUrl(shown.card.id, true);
      revealLink.hidden = reveal;
    }
    const grades = byId('grades');
    if (grades) {
      grades.hidden = !reveal;
      const cardId = grades.querySelector('input[name="cardId"]');
      if (cardId) cardId.value = shown.card.id;
      for (const preview of shown.buttons) {
        const next = grades.querySelector(`button[data-key="${preview.key}"] .next`);
        if (next) next.textContent = preview.next;
      }
    }
    const note = byId('interval-note');
    if (note) {
      note.textContent = shown.intervalNote ?? '';
      note.hidden = !reveal || !shown.intervalNote;
    }
    const answer = byId('answer');
    if (answer) answer.hidden = !reveal;
    revealed = reveal;
    setRevealField();
    history.replaceState(null, '', reviewUrl(shown.card.id, reveal));
    if (!keep) {
      shownAt = Date.now();
      // Screen readers read the new question; keys keep working, as they listen on the document.
      if (focusWasHere && prompt) prompt.focus({ preventScroll: true });
    }
  }

  /** POSTs JSON to the API; resolves { ok, data } or { ok: false, message }, rejects on a network failure. */
  async function post(path, body) {
    const response = await fetch(path + topicQuery, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify(body),
    });
    const data = await response.json().catch(() => null);
    if (response.ok && data) return { ok: true, data };
    return { ok: false, message: data?.error?.message ?? `The server answered ${response.status}.` };
  }

  // A refused answer or undo (409 conflict, 400, a lost session) leaves the page out of step with
  // the server: load the page afresh, and say on it what happened.
  function reloadWithMessage(message) {
    leaving = true;
    try {
      sessionStorage.setItem(MESSAGE_KEY, message);
    } catch {
      // storage unavailable: the reload still shows the right card
    }
    location.replace(reviewUrl());
  }

  function fallBackToForms(message) {
    formsOnly = true;
    showMessage(message);
  }

  const fromReply = (data) =>
    data.next ? { card: data.next, buttons: data.buttons, intervalNote: data.intervalNote, flagged: Boolean(data.flagged) } : null;

  async function grade(button) {
    if (busy || !current) return;
    const answered = current;
    const body = { cardId: answered.card.id, quality: Number(button.value), durationMs: Math.max(0, Date.now() - shownAt) };
    // The card held ready shows now. Without one, the graded card may be the one that comes back
    // (the last card, graded below 4), so the page waits for the reply instead of guessing.
    const guess = after;
    if (guess) render(guess, false);
    setBusy(true);
    let reply;
    try {
      reply = await post('/api/review/answer', body);
    } catch {
      setBusy(false);
      render(answered, true);
      fallBackToForms('Could not reach Deckhand, so that answer was not saved. Grade again to send it as a normal form.');
      return;
    }
    setBusy(false);
    if (!reply.ok) return reloadWithMessage(`That answer was not saved: ${reply.message}`);
    showMessage('');
    lastAction = null;
    after = reply.data.after;
    updateCounts(reply.data.counts);
    const next = fromReply(reply.data);
    // Usually the reply confirms the card already on screen; it stays as the learner has it.
    const confirmed = Boolean(next && guess && next.card.id === guess.card.id);
    render(next, confirmed && revealed, confirmed);
  }

  async function undo() {
    if (busy) return;
    setBusy(true);
    let reply;
    try {
      reply = await post('/api/review/undo', {});
    } catch {
      setBusy(false);
      fallBackToForms('Could not reach Deckhand, so nothing was undone. Press u again to undo with a normal form.');
      return;
    }
    setBusy(false);
    if (!reply.ok) return reloadWithMessage(`Nothing was undone: ${reply.message}`);
    if (reply.data.undone === null) {
      showMessage('There is no answer to undo.', 'notice');
      return;
    }
    showMessage('');
    after = reply.data.after;
    updateCounts(reply.data.counts);
    const next = fromReply(reply.data);
    // The undone card is back, shown with its answer as it was when graded.
    render(next, Boolean(next && next.card.id === reply.data.undone));
  }

  const DONE_MESSAGES = {
    bury: 'Buried until tomorrow. Press u to undo.',
    suspend: 'Suspended: it stays out of reviews until you unsuspend it in Browse. Press u to undo.',
    unbury: 'The card is back in today’s session.',
    unsuspend: 'The card is back in reviews.',
    flag: 'Flagged: find it in Browse with is:flagged.',
    unflag: 'Flag removed.',
  };
  const UNDO_OF = { bury: 'unbury', suspend: 'unsuspend' };

  /**
   * Suspends, buries or flags the card on screen (or undoes a bury or suspend of `cardId`) through
   * the API. A card that leaves the session gives way at once to the one held ready, as a grade
   * does; the reply then says which card is really next.
   */
  async function act(action, cardId = current?.card.id) {
    if (busy || !cardId) return;
    const acted = current;
    const wasRevealed = revealed;
    const leaves = action === 'bury' || action === 'suspend';
    const guess = leaves ? after : null;
    if (guess) render(guess, false);
    setBusy(true);
    let reply;
    try {
      reply = await post(`/api/review/cards/${encodeURIComponent(cardId)}/${action}`, {});
    } catch {
      setBusy(false);
      if (guess && acted) render(acted, wasRevealed);
      fallBackToForms('Could not reach Deckhand, so nothing was changed. Use the buttons under the card to send it as a normal form.');
      return;
    }
    setBusy(false);
    if (!reply.ok) return reloadWithMessage(`Nothing was changed: ${reply.message}`);
    showMessage(DONE_MESSAGES[action] ?? '', 'notice');
    after = reply.data.after;
    updateCounts(reply.data.counts);
    lastAction = UNDO_OF[action] ? { cardId, undo: UNDO_OF[action] } : action === 'flag' || action === 'unflag' ? lastAction : null;
    const next = fromReply(reply.data);
    if (!leaves && next && acted && next.card.id === acted.card.id) {
      // A flag leaves the card where it is: only its flag changes.
      current = next;
      showFlag(next.flagged);
      return;
    }
    const confirmed = Boolean(next && guess && next.card.id === guess.card.id);
    render(next, confirmed && revealed, confirmed);
  }

  // The shortcuts overlay: a modal <dialog> (the rest of the page is inert while it is open),
  // closed by Escape or its button; focus goes back to where it was.
  const dialog = byId('shortcuts');
  let focusBeforeDialog = null;
  function openShortcuts() {
    if (!dialog || dialog.open) return;
    focusBeforeDialog = document.activeElement;
    dialog.showModal();
    byId('shortcuts-close')?.focus();
  }
  dialog?.addEventListener('close', () => {
    const back = focusBeforeDialog;
    focusBeforeDialog = null;
    if (back instanceof HTMLElement && back.isConnected) back.focus({ preventScroll: true });
  });
  dialog?.addEventListener('keydown', (event) => {
    // Keep Tab inside the dialog, rather than letting it reach the browser's own controls.
    if (event.key !== 'Tab') return;
    const focusable = [...dialog.querySelectorAll('button, a[href], [tabindex]:not([tabindex="-1"])')];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  });
  const opener = byId('shortcuts-open');
  if (opener && dialog) {
    opener.hidden = false;
    opener.addEventListener('click', openShortcuts);
  }

  for (const form of actionForms()) {
    form.addEventListener('submit', (event) => {
      if (formsOnly) {
        leaving = true;
        return;
      }
      event.preventDefault();
      void act(form.dataset.action);
    });
  }

  const carried = (() => {
    try {
      const text = sessionStorage.getItem(MESSAGE_KEY);
      sessionStorage.removeItem(MESSAGE_KEY);
      return text;
    } catch {
      return null;
    }
  })();
  if (carried) showMessage(carried);

  byId('reveal')?.addEventListener('click', (event) => {
    event.preventDefault();
    show();
  });

  byId('grades')?.addEventListener('submit', (event) => {
    if (formsOnly) {
      // A plain form post; the script still reports how long the answer took.
      const form = event.currentTarget;
      let duration = form.querySelector('input[name="durationMs"]');
      if (!duration) {
        duration = document.createElement('input');
        duration.type = 'hidden';
        duration.name = 'durationMs';
        form.append(duration);
      }
      duration.value = String(Math.max(0, Date.now() - shownAt));
      leaving = true;
      return;
    }
    event.preventDefault();
    if (event.submitter instanceof HTMLButtonElement) void grade(event.submitter);
  });

  byId('undo-form')?.addEventListener('submit', (event) => {
    if (formsOnly) {
      leaving = true;
      return;
    }
    event.preventDefault();
    if (lastAction) {
      const { cardId, undo: reverse } = lastAction;
      lastAction = null;
      void act(reverse, cardId);
    } else {
      void undo();
    }
  });

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || leaving) return;
    if (dialog?.open) return;
    const target = event.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) return;
    if (event.key === '?') {
      event.preventDefault();
      openShortcuts();
      return;
    }
    if (event.key === 'i') {
      const info = byId('card-info');
      if (info && current) {
        event.preventDefault();
        leaving = true;
        info.click();
      }
      return;
    }
    if (event.key === ' ' || event.key === 'Enter') {
      const answer = byId('answer');
      if (current && answer && answer.hidden) {
        event.preventDefault();
        show();
      }
      return;
    }
    if (event.key === 'e') {
      const edit = byId('edit-card');
      if (edit && current) {
        event.preventDefault();
        leaving = true;
        edit.click();
      }
      return;
    }
    if (busy) return;
    if (event.key === 'u') {
      byId('undo')?.click();
      return;
    }
    const action = { '-': 'bury', '@': 'suspend', '!': 'suspend', f: current?.flagged ? 'unflag' : 'flag' }[event.key];
    if (action && current) {
      event.preventDefault();
      const form = actionForms().find((f) => f.dataset.action === action);
      // Through the form, so that after a fall back to forms the key still sends it.
      if (form) form.requestSubmit();
      return;
    }
    const grades = byId('grades');
    if (grades && !grades.hidden && current) {
      const button = grades.querySelector(`button[data-key="${event.key}"]`);
      if (button) {
        event.preventDefault();
        button.click();
      }
    }
  });
})();
