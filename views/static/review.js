// The review page answered in the page: space reveals, 1–4 grade, u undoes, e edits the card.
// Grades and undo go through the JSON API, one request each, and the next card is swapped into
// the same markup: the page holds the card after the current one (data-after, then each reply's
// `after`), so it shows at once while the answer is saved. The address follows the card
// (/review?card=…&reveal=1), so a reload comes back to it. Without this script every control is a
// plain link or form; after a network failure the page goes back to those forms.
(() => {
  const root = document.getElementById('review');
  if (!root) return;
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
  const MESSAGE_KEY = 'deckhand.review.message';
  const byId = (id) => document.getElementById(id);
  const article = () => document.querySelector('article.flashcard');

  /** The card on screen and the one after it, as the API sends them: { card, buttons, intervalNote }. */
  let current = parse(root.dataset.current);
  let after = parse(root.dataset.after);
  let revealed = Boolean(current) && byId('answer')?.hidden === false;
  let shownAt = Date.now();
  let busy = false;
  let formsOnly = false;
  let leaving = false;

  function parse(json) {
    try {
      return json ? JSON.parse(json) : null;
    } catch {
      return null;
    }
  }

  function reviewUrl(cardId, reveal) {
    if (!cardId) return '/review';
    return `/review?card=${encodeURIComponent(cardId)}${reveal ? '&reveal=1' : ''}`;
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
    history.replaceState(null, '', reviewUrl(current.card.id, true));
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
      history.replaceState(null, '', '/review');
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
    history.replaceState(null, '', reviewUrl(shown.card.id, reveal));
    if (!keep) {
      shownAt = Date.now();
      // Screen readers read the new question; keys keep working, as they listen on the document.
      if (focusWasHere && prompt) prompt.focus({ preventScroll: true });
    }
  }

  /** POSTs JSON to the API; resolves { ok, data } or { ok: false, message }, rejects on a network failure. */
  async function post(path, body) {
    const response = await fetch(path, {
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
    location.replace('/review');
  }

  function fallBackToForms(message) {
    formsOnly = true;
    showMessage(message);
  }

  const fromReply = (data) => (data.next ? { card: data.next, buttons: data.buttons, intervalNote: data.intervalNote } : null);

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
    void undo();
  });

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || leaving) return;
    const target = event.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) return;
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
