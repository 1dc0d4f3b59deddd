// A person's category x channel choices and quiet hours, over /api/me/preferences (read and replaced whole), and
// (profile.js) their language and time zone.
import { api } from './api.js';
import { startPage, element, showError, showMessage, withBusy } from './shell.js';
import { startProfile } from './profile.js';

const Channels = ['email', 'sms', 'push', 'webhook', 'in-app'];
const form = document.getElementById('preferences');
const user = await startPage();
let document_ = null;

if (user) {
  try {
    const [categories, preferences] = await Promise.all([api('/api/categories'), api('/api/me/preferences'), startProfile()]);
    document_ = preferences;
    render(categories, preferences);
    form.hidden = false;
  } catch (error) {
    showError(error);
  }
  form.addEventListener('submit', event => {
    event.preventDefault();
    withBusy(document.getElementById('save'), save);
  });
}

function render(categories, preferences) {
  const head = form.querySelector('thead tr');
  for (const channel of Channels) head.append(element('th', { scope: 'col', text: channel }));
  const body = form.querySelector('tbody');
  for (const category of categories) {
    const row = element('tr', {}, element('th', { scope: 'row', text: category.name + (category.critical ? ' (critical)' : '') }));
    for (const channel of Channels) {
      const chosen = preferences.categories?.[category.key]?.[channel] ?? preferences.channels?.[channel];
      // Checked means "you may reach me here": a category's own channels and those a sender names are used unless switched off.
      const on = chosen ?? true;
      const id = `pref-${category.key}-${channel}`;
      row.append(element('td', { 'data-label': channel },
        // Critical categories reach people whatever they chose: a switch there would promise what it cannot keep.
        element('input', { type: 'checkbox', id, checked: on || category.critical, disabled: category.critical, 'data-category': category.key, 'data-channel': channel,
          'data-initial': String(on || category.critical), 'aria-label': `${category.name} by ${channel}` })));
    }
    body.append(row);
  }
  document.getElementById('quiet-start').value = preferences.quietHours?.start ?? '';
  document.getElementById('quiet-end').value = preferences.quietHours?.end ?? '';
}

async function save() {
  // A box the person changed becomes an explicit choice, and earlier explicit choices stay; the rest keeps following the
  // category's defaults, so a later change of those still reaches people who never touched them. (An explicit "off" is
  // also what stops a sender who names the channel itself.)
  const categories = structuredClone(document_.categories ?? {});
  for (const box of form.querySelectorAll('input[type=checkbox]')) {
    if (box.disabled) continue;
    const { category, channel } = box.dataset;
    const explicit = categories[category]?.[channel] !== undefined;
    if (explicit || box.checked !== (box.dataset.initial === 'true')) (categories[category] ??= {})[channel] = box.checked;
  }
  const start = document.getElementById('quiet-start').value;
  const end = document.getElementById('quiet-end').value;
  const body = { channels: document_.channels ?? {}, categories, quietHours: start || end ? { start, end } : null };
  try {
    document_ = await api('/api/me/preferences', { method: 'PUT', body });
    showMessage('Saved. The next notification follows these choices.');
  } catch (error) {
    const fields = error.problem?.errors ? Object.entries(error.problem.errors).map(([f, m]) => `${f}: ${m.join(' ')}`).join('; ') : '';
    showError(fields ? `${error.message} ${fields}` : error);
  }
}
