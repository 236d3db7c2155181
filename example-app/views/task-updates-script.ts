/**
 * The task page's script (served as `/task-updates.js`, so the CSP needs no inline script): every 1.5 s it asks
 * `/tasks/:id/updates` for the comments Worksection's webhooks reported, and adds those the page does not show,
 * as text (never as HTML).
 */
export const TASK_UPDATES_SCRIPT = `(() => {
  const list = document.querySelector('ol.comments[data-task]');
  if (!list) return;
  const shown = new Set([...list.querySelectorAll('li[data-comment]')].map((li) => li.dataset.comment));
  const add = (comment) => {
    if (shown.has(comment.id)) return;
    shown.add(comment.id);
    const li = document.createElement('li');
    li.dataset.comment = comment.id;
    const p = document.createElement('p');
    p.textContent = comment.text;
    const small = document.createElement('small');
    small.textContent = comment.author + ' · ' + comment.date;
    li.append(p, small);
    list.append(li);
    list.hidden = false;
    document.getElementById('no-comments')?.remove();
  };
  const poll = async () => {
    try {
      const res = await fetch('/tasks/' + encodeURIComponent(list.dataset.task) + '/updates', { credentials: 'same-origin' });
      if (res.ok) (await res.json()).comments.forEach(add);
    } catch {}
    setTimeout(poll, 1500);
  };
  poll();
})();
`;
