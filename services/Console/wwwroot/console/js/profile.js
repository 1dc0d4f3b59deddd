// A person's own language and time zone, over /api/me/profile; their addresses are shown, not changed (services set them).
import { api } from './api.js';
import { element, showError, showMessage, withBusy } from './shell.js';

// Languages offered by name; one the profile already has is added if it is not among them.
const Languages = ['en', 'en-GB', 'de', 'de-AT', 'fr', 'es', 'it', 'nl', 'pt-BR', 'pl', 'ko', 'ja', 'zh-Hans'];
const deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export async function startProfile() {
  const form = document.getElementById('profile');
  const profile = await api('/api/me/profile');
  render(profile);
  form.hidden = false;
  form.addEventListener('submit', event => {
    event.preventDefault();
    withBusy(document.getElementById('save-profile'), save);
  });
}

function render(profile) {
  const names = new Intl.DisplayNames([navigator.language], { type: 'language' });
  const locale = document.getElementById('profile-locale');
  const languages = profile.locale && !Languages.includes(profile.locale) ? [profile.locale, ...Languages] : Languages;
  locale.replaceChildren(element('option', { value: '', text: 'The platform\u2019s default' }),
    ...languages.map(code => element('option', { value: code, text: `${names.of(code) ?? code} (${code})` })));
  locale.value = profile.locale ?? '';

  const zone = document.getElementById('profile-zone');
  const zones = Intl.supportedValuesOf('timeZone');
  if (profile.timeZone && !zones.includes(profile.timeZone)) zones.unshift(profile.timeZone);
  zone.replaceChildren(element('option', { value: '', text: 'The platform\u2019s default (UTC)' }),
    ...zones.map(id => element('option', { value: id, text: id === deviceZone ? `${id} (this device)` : id })));
  zone.value = profile.timeZone ?? '';

  const contacts = [profile.email && `email ${profile.email}`, profile.phone && `phone ${profile.phone}`].filter(Boolean);
  document.getElementById('profile-contacts').textContent = contacts.length
    ? `We reach you by ${contacts.join(' and ')}; the services you use keep these up to date.`
    : 'No address is known for you yet; the services you use add them.';
}

async function save() {
  const body = {
    locale: document.getElementById('profile-locale').value || null,
    timeZone: document.getElementById('profile-zone').value || null,
  };
  try {
    render(await api('/api/me/profile', { method: 'PUT', body }));
    showMessage('Saved your language and time zone.');
  } catch (error) {
    const fields = error.problem?.errors ? Object.entries(error.problem.errors).map(([f, m]) => `${f}: ${m.join(' ')}`).join('; ') : '';
    showError(fields ? `${error.message} ${fields}` : error);
  }
}
