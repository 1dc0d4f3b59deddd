// Operators find a notification by id: its status, each attempt with its error, and its delivery timeline.
import { api } from './api.js';
import { startPage, element, showError, showMessage, clearStatus, withBusy, canChange } from './shell.js';
import { timeElement } from './time.js';

const form = document.getElementById('find');
const input = document.getElementById('notification-id');
const user = await startPage({ operatorsOnly: true });

if (user) {
  form.addEventListener('submit', event => {
    event.preventDefault();
    const id = input.value.trim();
    history.replaceState(null, '', `?id=${encodeURIComponent(id)}`);
    withBusy(document.getElementById('find-button'), () => find(id));
  });
  document.getElementById('search').addEventListener('submit', event => {
    event.preventDefault();
    withBusy(document.getElementById('search-button'), search);
  });
  if (canChange(user)) await offerTestSend();
  const wanted = new URLSearchParams(location.search).get('id');
  if (wanted) { input.value = wanted; await find(wanted); }
}

/** Operators may send any category: a test goes through the whole platform like any other send. */
async function offerTestSend() {
  const form = document.getElementById('send-test');
  try {
    const categories = await api('/api/categories');
    document.getElementById('test-category').replaceChildren(...categories.map(c => element('option', { value: c.key, text: c.name })));
  } catch (error) {
    showError(error);
    return;
  }
  document.getElementById('test-user').value = user.subject ?? '';
  form.hidden = false;
  form.addEventListener('submit', event => {
    event.preventDefault();
    withBusy(document.getElementById('send-button'), async () => {
      const channel = document.getElementById('test-channel').value;
      const sent = await api('/api/notifications', { method: 'POST', body: {
        category: document.getElementById('test-category').value,
        ...(channel ? { channel } : {}),
        recipients: [{ userId: document.getElementById('test-user').value.trim() }],
        subject: document.getElementById('test-subject').value,
        body: document.getElementById('test-body').value,
      } }).catch(error => {
        const fields = error.problem?.errors ? Object.entries(error.problem.errors).map(([f, m]) => `${f}: ${m.join(' ')}`).join('; ') : '';
        throw new Error(`${error.message} ${fields}`.trim());
      });
      input.value = sent.id;
      history.replaceState(null, '', `?id=${sent.id}`);
      await find(sent.id);
      showMessage(`Sent: notification ${sent.id}.`);
    });
  });
}

async function find(id) {
  const result = document.getElementById('result');
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
    result.hidden = true;
    showError('A notification id is a GUID, like 0193f0a2-7c1e-7d3b-9a51-3f6f1a2b4c5d.');
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    return;
  }
  input.removeAttribute('aria-invalid');
  const [notification, timeline] = await Promise.allSettled([api(`/api/notifications/${id}`), api(`/api/timelines/${id}`)]);
  if (notification.status === 'rejected' && timeline.status === 'rejected') {
    result.hidden = true;
    showError(notification.reason.status === 404 ? `No notification ${id}.` : notification.reason);
    return;
  }
  clearStatus();
  const n = notification.value;
  const facts = document.getElementById('facts');
  facts.replaceChildren();
  const fact = (term, value) => facts.append(element('dt', { text: term }), element('dd', {}, value ?? '—'));
  fact('Id', id);
  if (n) {
    fact('Status', element('span', { id: 'notification-status', className: `state-${n.status}`, text: n.status }));
    fact('Category', n.category);
    fact('Channel', n.channel ?? 'the category\'s channels');
    fact('Subject', n.subject ?? n.templateKey);
    fact('Correlation key', n.correlationKey);
    fact('Recipients', n.recipients.map(r => r.userId).join(', '));
  } else {
    fact('Status', `not available: ${notification.reason.message}`);
  }
  if (timeline.value) fact('Accepted', timeElement(timeline.value.acceptedAt));

  const attempts = document.querySelector('#attempts tbody');
  attempts.replaceChildren(...(n?.attempts ?? []).map(a => element('tr', {},
    element('td', { 'data-label': 'When' }, timeElement(a.occurredAt)),
    element('td', { 'data-label': 'Recipient', text: a.recipient }),
    element('td', { 'data-label': 'Channel', text: a.channel }),
    element('td', { 'data-label': 'Attempt', text: String(a.attemptNumber) }),
    element('td', { 'data-label': 'State', className: `state-${a.state}`, text: a.state }),
    element('td', { 'data-label': 'Error', className: 'attempt-error', text: a.error ?? '' }))));

  const steps = document.querySelector('#timeline tbody');
  steps.replaceChildren(...(timeline.value?.steps ?? []).map(s => element('tr', {},
    element('td', { 'data-label': 'When' }, timeElement(s.at)),
    element('td', { 'data-label': 'Step', className: `state-${s.step}`, text: s.step }),
    element('td', { 'data-label': 'Recipient', text: s.recipient ?? '' }),
    element('td', { 'data-label': 'Channel', text: s.channel ?? '' }),
    element('td', { 'data-label': 'Attempt', text: s.attempt?.toString() ?? '' }),
    element('td', { 'data-label': 'Error', text: s.error ?? '' }))));
  if (timeline.status === 'rejected') steps.append(element('tr', {}, element('td', { colspan: '6', text: `Timeline not available: ${timeline.reason.message}` })));
  document.getElementById('dead-letters-link').href = `dead-letters.html?notificationId=${id}`;
  result.hidden = false;
}

/** Any sender's notifications by what a person reporting a problem knows; times are entered in the viewer's zone. */
async function search() {
  const query = new URLSearchParams({ take: '50' });
  const add = (name, id, map = v => v) => { const value = document.getElementById(id).value.trim(); if (value) query.set(name, map(value)); };
  add('correlationKey', 's-correlation');
  add('recipient', 's-recipient');
  add('sender', 's-sender');
  add('since', 's-since', local => new Date(local).toISOString());
  add('until', 's-until', local => new Date(local).toISOString());
  let hits;
  try {
    hits = await api(`/api/notifications/search?${query}`);
  } catch (error) {
    const fields = error.problem?.errors ? Object.entries(error.problem.errors).map(([f, m]) => `${f}: ${m.join(' ')}`).join('; ') : '';
    throw new Error(`${error.message} ${fields}`.trim());
  }
  const body = document.querySelector('#hits tbody');
  body.replaceChildren(...hits.map(h => element('tr', { 'data-id': h.id },
    element('td', { 'data-label': 'Sent' }, timeElement(h.createdAt)),
    element('td', { 'data-label': 'Notification' }, element('a', { href: `?id=${h.id}`, className: 'hit', text: h.subject ?? h.id,
      onclick: event => { event.preventDefault(); input.value = h.id; history.replaceState(null, '', `?id=${h.id}`); find(h.id); } })),
    element('td', { 'data-label': 'Status', className: `state-${h.status}`, text: h.status }),
    element('td', { 'data-label': 'Category', text: h.category }),
    element('td', { 'data-label': 'Sender', text: h.senderId }),
    element('td', { 'data-label': 'Correlation key', text: h.correlationKey ?? '' }))));
  if (hits.length === 0) body.append(element('tr', {}, element('td', { colspan: '6', text: 'Nothing found.' })));
  document.getElementById('hits-wrap').hidden = false;
  clearStatus();
}
