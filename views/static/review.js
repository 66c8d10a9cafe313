// Keyboard for the review page: space reveals, 1–4 grade, u undoes, e edits the card. The page works without it.
(() => {
  const answer = document.getElementById('answer');
  const grades = document.getElementById('grades');
  const reveal = document.getElementById('reveal');
  let submitting = false;

  // The answer sits in a polite live region (review.ejs): un-hiding it is what screen readers
  // announce, so focus stays where it was and Tab goes on to the grade buttons.
  function show() {
    if (!answer || !grades) return;
    answer.hidden = false;
    grades.hidden = false;
    if (reveal) reveal.hidden = true;
  }

  if (reveal) {
    reveal.addEventListener('click', (event) => {
      event.preventDefault();
      show();
    });
  }

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || submitting) return;
    const target = event.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) return;
    if (event.key === ' ' || event.key === 'Enter') {
      if (answer && answer.hidden) {
        event.preventDefault();
        show();
      }
      return;
    }
    if (event.key === 'e') {
      const edit = document.getElementById('edit-card');
      if (edit) {
        event.preventDefault();
        edit.click();
      }
      return;
    }
    if (event.key === 'u') {
      const undo = document.getElementById('undo');
      if (undo) {
        submitting = true;
        undo.click();
      }
      return;
    }
    if (grades && !grades.hidden) {
      const button = grades.querySelector(`button[data-key="${event.key}"]`);
      if (button) {
        event.preventDefault();
        submitting = true;
        button.click();
      }
    }
  });
})();
