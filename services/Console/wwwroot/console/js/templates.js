// Operators list, edit, preview and publish templates; a Liquid syntax error is shown at its line in its part.
import { api } from './api.js';
import { startPage, element, showError, showMessage, clearStatus, withBusy, canChange } from './shell.js';
import { timeElement } from './time.js';

const Parts = ['emailSubject', 'emailText', 'emailHtml', 'smsText', 'pushTitle', 'pushBody', 'pushUrl', 'inAppTitle', 'inAppBody', 'inAppUrl'];
const editor = document.getElementById('editor');
const user = await startPage({ operatorsOnly: true });
let current = null;

if (user) {
  await list();
  editor.addEventListener('submit', event => { event.preventDefault(); withBusy(document.getElementById('publish'), publish); });
  document.getElementById('preview').addEventListener('click', event => withBusy(event.currentTarget, preview));
  const wanted = new URLSearchParams(location.search).get('key');
  if (wanted) await open(wanted);
}

async function list() {
  const table = document.getElementById('templates');
  try {
    const templates = await api('/api/templates/');
    table.querySelector('tbody').replaceChildren(...templates.map(t => element('tr', {},
      element('td', { 'data-label': 'Key' }, element('a', { href: `?key=${encodeURIComponent(t.key)}`, className: 'open-template', 'data-key': t.key, text: t.key,
        onclick: event => { event.preventDefault(); history.replaceState(null, '', `?key=${encodeURIComponent(t.key)}`); open(t.key); } })),
      element('td', { 'data-label': 'Name', text: t.name }),
      element('td', { 'data-label': 'Default locale', text: t.defaultLocale }),
      element('td', { 'data-label': 'Version', text: String(t.currentVersion) }),
      element('td', { 'data-label': 'Updated' }, timeElement(t.updatedAt)))));
  } catch (error) {
    showError(error);
  } finally {
    table.setAttribute('aria-busy', 'false');
  }
}

async function open(key) {
  try {
    const template = await api(`/api/templates/${encodeURIComponent(key)}`);
    current = template;
    const version = template.current;
    document.getElementById('editor-heading').textContent = `Edit ${template.key}`;
    document.getElementById('version-info').textContent = `Version ${template.currentVersion} of ${template.versions.length}; saving publishes version ${template.currentVersion + 1}.`;
    document.getElementById('t-name').value = template.name;
    document.getElementById('t-description').value = template.description ?? '';
    document.getElementById('t-default-locale').value = version.defaultLocale;
    document.getElementById('t-variables').value = version.variables.join(', ');
    document.getElementById('p-locale').value = version.defaultLocale;
    document.getElementById('p-data').value = JSON.stringify(Object.fromEntries(version.variables.map(v => [v, `sample ${v}`])), null, 1);
    const variants = document.getElementById('variants');
    variants.replaceChildren(...version.variants.map((variant, index) => variantFields(variant, index)));
    document.getElementById('publish').hidden = !canChange(user);
    document.getElementById('preview-box').hidden = !canChange(user);
    editor.hidden = false;
    clearStatus();
    document.getElementById('t-name').focus();
  } catch (error) {
    showError(error);
  }
}

function variantFields(variant, index) {
  const fieldset = element('fieldset', { 'data-index': String(index) }, element('legend', { text: `Variant ${variant.locale}` }),
    element('div', { className: 'field' }, element('label', { for: `v${index}-locale`, text: 'Locale' }),
      element('input', { id: `v${index}-locale`, 'data-part': 'locale', value: variant.locale, size: '8' })));
  for (const part of Parts.filter(p => variant[p] !== null && variant[p] !== undefined)) {
    const id = `v${index}-${part}`;
    const area = element('textarea', { id, 'data-part': part, 'data-field': `variants[${index}].${part}`, rows: String(Math.min(12, Math.max(2, variant[part].split('\n').length + 1))),
      'aria-describedby': `${id}-error`, spellcheck: 'false' });
    area.value = variant[part];
    const gutter = element('pre', { className: 'gutter', 'aria-hidden': 'true' });
    const sync = () => { gutter.replaceChildren(...area.value.split('\n').map((_, i) => element('div', { 'data-line': String(i + 1), text: String(i + 1) }))); };
    area.addEventListener('input', sync);
    sync();
    fieldset.append(element('div', { className: 'field' }, element('label', { for: id, text: part }),
      element('div', { className: 'editor' }, gutter, area),
      element('p', { id: `${id}-error`, className: 'error-text field-error' })));
  }
  return fieldset;
}

function collect() {
  const variants = [...document.querySelectorAll('#variants fieldset')].map(set => {
    const variant = {};
    for (const input of set.querySelectorAll('[data-part]')) variant[input.dataset.part] = input.value;
    return variant;
  });
  return {
    name: document.getElementById('t-name').value,
    description: document.getElementById('t-description').value || null,
    defaultLocale: document.getElementById('t-default-locale').value,
    variables: document.getElementById('t-variables').value.split(',').map(v => v.trim()).filter(Boolean),
    variants,
  };
}

function clearFieldErrors() {
  for (const node of editor.querySelectorAll('.field-error')) node.textContent = '';
  for (const node of editor.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
  for (const node of editor.querySelectorAll('.gutter .bad')) node.classList.remove('bad');
}

async function publish() {
  clearFieldErrors();
  try {
    const saved = await api(`/api/templates/${encodeURIComponent(current.key)}`, { method: 'PUT', body: collect() });
    showMessage(`Published version ${saved.version} of ${saved.key}.`);
    await list();
    await open(current.key);
    showMessage(`Published version ${saved.version} of ${saved.key}.`);
  } catch (error) {
    if (error.status !== 400) throw error;
    showFieldErrors(error.problem);
  }
}

function showFieldErrors(problem) {
  const syntax = problem?.syntaxErrors ?? [];
  let first = null;
  for (const [field, messages] of Object.entries(problem?.errors ?? {})) {
    const input = editor.querySelector(`[data-field="${CSS.escape(field)}"]`);
    if (!input) continue;
    input.setAttribute('aria-invalid', 'true');
    const at = syntax.find(s => s.field === field);
    document.getElementById(`${input.id}-error`).textContent = at ? `Line ${at.line}, column ${at.column}: ${at.message}` : messages.join(' ');
    if (at) input.parentElement.querySelector(`.gutter [data-line="${at.line}"]`)?.classList.add('bad');
    first ??= input;
  }
  const unplaced = Object.entries(problem?.errors ?? {}).filter(([field]) => !editor.querySelector(`[data-field="${CSS.escape(field)}"]`));
  showError(`Not saved: ${(problem?.title ?? 'the template has mistakes').replace(/\.+$/, '')}. ${unplaced.map(([f, m]) => `${f}: ${m.join(' ')}`).join('; ')}`.trim());
  first?.focus();
  if (first && syntax[0]) selectLine(first, syntax.find(s => s.field === first.dataset.field)?.line);
}

function selectLine(area, line) {
  if (!line) return;
  const lines = area.value.split('\n');
  const start = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
  area.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
}

async function preview() {
  const result = document.getElementById('preview-result');
  let data;
  try {
    data = JSON.parse(document.getElementById('p-data').value || '{}');
  } catch {
    document.getElementById('p-data').setAttribute('aria-invalid', 'true');
    showError('Sample data must be a JSON object.');
    return;
  }
  document.getElementById('p-data').removeAttribute('aria-invalid');
  try {
    const rendered = await api(`/api/templates/${encodeURIComponent(current.key)}/preview`, { method: 'POST',
      body: { locale: document.getElementById('p-locale').value || null, data } });
    const facts = element('dl', { className: 'facts' });
    for (const [key, value] of Object.entries(rendered).filter(([, v]) => v !== null)) facts.append(element('dt', { text: key }), element('dd', { className: 'preview', text: value }));
    result.replaceChildren(facts);
    clearStatus();
  } catch (error) {
    const fields = error.problem?.errors ? Object.entries(error.problem.errors).map(([f, m]) => `${f}: ${m.join(' ')}`).join('; ') : '';
    showError(`${error.message} ${fields}`.trim());
  }
}
