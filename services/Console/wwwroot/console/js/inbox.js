// A person's inbox: newest first, unread count, marks, and new items live as they are delivered.
import { api } from './api.js';
import { followInbox } from './live.js';
import { startPage, element, showError, clearStatus, withBusy } from './shell.js';
import { timeElement } from './time.js';

const list = document.getElementById('items');
const count = document.getElementById('unread-count');
const filter = document.getElementById('filter');
const more = document.getElementById('more');
const liveState = document.getElementById('live-state');
const shown = new Map();
let cursor = null;

const user = await startPage();
if (user) {
  filter.addEventListener('change', () => load(true));
  more.addEventListener('click', () => withBusy(more, () => load(false)));
  document.getElementById('read-all').addEventListener('click', event =>
    withBusy(event.currentTarget, async () => {
      const result = await api('/api/inbox/read', { method: 'POST', body: { all: true } });
      showCount(result.unread.total);
      await load(true);
    }));
  await load(true);
  followInbox(item => {
    if (filter.value === 'Archived' || shown.has(item.id)) return;
    list.prepend(render(item));
    refreshCount();
  }, state => {
    liveState.textContent = { live: 'Live', reconnecting: 'Reconnecting…', ended: 'Session ended: sign in again' }[state] ?? '';
  });
}

async function load(fromStart) {
  list.setAttribute('aria-busy', 'true');
  try {
    const query = new URLSearchParams({ first: '20', status: filter.value });
    if (!fromStart && cursor) query.set('after', cursor);
    const [page, unread] = await Promise.all([api(`/api/inbox?${query}`), api('/api/inbox/unread')]);
    if (fromStart) { list.replaceChildren(); shown.clear(); }
    for (const item of page.items) list.append(render(item));
    if (fromStart && page.items.length === 0) list.append(element('li', { className: 'empty', text: 'Nothing here yet.' }));
    cursor = page.endCursor;
    more.hidden = !page.hasNextPage;
    showCount(unread.total);
    clearStatus();
  } catch (error) {
    showError(error);
  } finally {
    list.setAttribute('aria-busy', 'false');
  }
}

async function refreshCount() {
  try { showCount((await api('/api/inbox/unread')).total); } catch (error) { showError(error); }
}

function showCount(total) {
  count.textContent = String(total);
  document.title = `${total ? `(${total}) ` : ''}Inbox · NotificationAspire`;
}

function render(item) {
  list.querySelector('.empty')?.remove();
  const title = element('h2', { className: 'item-title' },
    item.url ? element('a', { href: item.url, rel: 'noopener noreferrer', text: item.title }) : item.title);
  const actions = element('div', { className: 'actions' });
  if (!item.readAt) {
    actions.append(element('button', {
      type: 'button', className: 'mark-read', 'aria-label': `Mark read: ${item.title}`, text: 'Mark read',
      onclick: event => withBusy(event.currentTarget, async () => {
        const result = await api(`/api/inbox/items/${item.id}/read`, { method: 'POST' });
        showCount(result.unread?.total ?? (await api('/api/inbox/unread')).total);
        node.replaceWith(render({ ...item, readAt: new Date().toISOString() }));
      }),
    }));
  }
  if (!item.archivedAt) {
    actions.append(element('button', {
      type: 'button', className: 'archive', 'aria-label': `Archive: ${item.title}`, text: 'Archive',
      onclick: event => withBusy(event.currentTarget, async () => {
        await api(`/api/inbox/items/${item.id}/archive`, { method: 'POST' });
        node.remove();
        shown.delete(item.id);
        await refreshCount();
      }),
    }));
  }
  const node = element('li', { className: `item${item.readAt ? '' : ' unread'}`, 'data-id': item.id },
    title,
    element('p', { className: 'meta' }, element('span', { className: 'category', text: item.category }), ' · ', timeElement(item.deliveredAt),
      item.readAt ? null : element('span', { className: 'unread-mark', text: ' · unread' })),
    element('p', { className: 'body', text: item.body }),
    actions);
  shown.set(item.id, node);
  return node;
}
