// Dead letters with their reason and attempts; operators replay one or all after confirming (support only looks).
import { api } from './api.js';
import { startPage, element, showError, showMessage, clearStatus, withBusy, canChange } from './shell.js';
import { timeElement } from './time.js';

const table = document.getElementById('letters');
const which = document.getElementById('which');
const idInput = document.getElementById('notification-id');
const replayAll = document.getElementById('replay-all');
const user = await startPage({ operatorsOnly: true });

if (user) {
  const wanted = new URLSearchParams(location.search).get('notificationId');
  if (wanted) { idInput.value = wanted; which.value = ''; }
  replayAll.hidden = !canChange(user);
  document.getElementById('filter').addEventListener('submit', event => { event.preventDefault(); load(); });
  replayAll.addEventListener('click', async () => {
    if (!await confirmed('Replay every dead letter that has not been replayed yet? Each is attempted once more.')) return;
    await withBusy(replayAll, async () => {
      const result = await api('/api/dead-letters/replay', { method: 'POST' });
      showMessage(`Replayed ${result.replayed} dead letter${result.replayed === 1 ? '' : 's'}.`);
      await load(false);
    });
  });
  await load();
}

async function load(clear = true) {
  table.setAttribute('aria-busy', 'true');
  try {
    const query = new URLSearchParams({ take: '100' });
    if (which.value) query.set('replayed', which.value);
    const id = idInput.value.trim();
    if (id) query.set('notificationId', id);
    const letters = await api(`/api/dead-letters/?${query}`);
    const body = table.querySelector('tbody');
    body.replaceChildren(...letters.map(row));
    if (letters.length === 0) body.append(element('tr', {}, element('td', { colspan: '7', text: 'No dead letters.' })));
    if (clear) clearStatus();
  } catch (error) {
    showError(error.status === 400 ? `${error.message} (the notification id is a GUID)` : error);
  } finally {
    table.setAttribute('aria-busy', 'false');
  }
}

function row(letter) {
  const attempts = element('ol', { className: 'attempt-list' },
    ...letter.attempts.map(a => element('li', {}, `#${a.attempt} ${a.outcome ?? ''}: ${a.error ?? ''}`)));
  let action;
  if (letter.replayedAt) {
    action = element('span', { className: 'replayed' }, 'Replayed ', timeElement(letter.replayedAt), letter.replayedBy ? ` by ${letter.replayedBy}` : '');
  } else if (canChange(user)) {
    action = element('button', {
      type: 'button', className: 'replay', 'aria-label': `Replay the dead letter of ${letter.recipientUserId ?? 'unknown'} on ${letter.channel ?? 'unknown'}`, text: 'Replay',
      onclick: async event => {
        const button = event.currentTarget;
        if (!await confirmed(`Replay the ${letter.channel ?? ''} delivery to ${letter.recipientUserId ?? 'this recipient'}? It failed with: ${letter.reason}`)) return;
        await withBusy(button, async () => {
          await api(`/api/dead-letters/${encodeURIComponent(letter.id)}/replay`, { method: 'POST' });
          showMessage('Replayed: the delivery is attempted again. Its notification shows the outcome.');
          await load(false);
        });
      },
    });
  } else {
    action = element('span', { className: 'muted', text: 'Read-only' });
  }
  const notification = letter.notificationId
    ? element('a', { href: `notifications.html?id=${letter.notificationId}`, text: letter.notificationId.slice(0, 8) + '…', 'aria-label': `Notification ${letter.notificationId}` })
    : '—';
  return element('tr', { 'data-id': letter.id, 'data-notification': letter.notificationId ?? '' },
    element('td', { 'data-label': 'Dead-lettered' }, timeElement(letter.deadLetteredAt)),
    element('td', { 'data-label': 'Notification' }, notification),
    element('td', { 'data-label': 'Recipient', text: letter.recipientUserId ?? '' }),
    element('td', { 'data-label': 'Channel', text: letter.channel ?? '' }),
    element('td', { 'data-label': 'Reason', className: 'reason', text: letter.reason }),
    element('td', { 'data-label': 'Attempts' }, attempts),
    element('td', { 'data-label': 'Replay' }, action));
}

/** A modal confirmation: focus moves into it, Escape cancels, and focus returns to where it was. */
function confirmed(text) {
  const dialog = document.getElementById('confirm');
  const opener = document.activeElement;
  document.getElementById('confirm-text').textContent = text;
  dialog.returnValue = 'no';
  dialog.showModal();
  document.getElementById('confirm-no').focus();
  return new Promise(resolve => dialog.addEventListener('close', () => { opener?.focus?.(); resolve(dialog.returnValue === 'yes'); }, { once: true }));
}
