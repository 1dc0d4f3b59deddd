// What every console page shares: who is signed in, the navigation (operators see more), sign-out, status messages.
import { ApiError } from './api.js';

const pages = [
  { href: 'index.html', label: 'Inbox' },
  { href: 'preferences.html', label: 'Preferences' },
  { href: 'notifications.html', label: 'Notifications', operators: true },
  { href: 'dead-letters.html', label: 'Dead letters', operators: true },
  { href: 'templates.html', label: 'Templates', operators: true },
  { href: 'providers.html', label: 'Providers', operators: true },
];

export const Roles = { admin: 'notifications.admin', support: 'notifications.support' };

export function isOperator(user) {
  return user.roles.includes(Roles.admin) || user.roles.includes(Roles.support);
}

export function canChange(user) {
  return user.roles.includes(Roles.admin);
}

/** Loads the session; without one, the browser goes to sign in and comes back here. */
export async function startPage({ operatorsOnly = false } = {}) {
  const response = await fetch('/bff/user', { credentials: 'same-origin', headers: { Accept: 'application/json' } }).catch(() => null);
  if (response?.status === 401) {
    location.assign(`/bff/login?returnUrl=${encodeURIComponent(location.pathname + location.search)}`);
    return new Promise(() => {}); // navigating away
  }
  if (!response?.ok) {
    renderHeader(null);
    showError(new ApiError(response?.status ?? 0, null));
    return null;
  }
  const user = await response.json();
  renderHeader(user);
  if (operatorsOnly && !isOperator(user)) {
    showError('This page is for operators (notifications.admin or notifications.support).');
    return null;
  }
  return user;
}

function renderHeader(user) {
  const header = document.querySelector('header.site');
  const current = location.pathname.split('/').pop() || 'index.html';
  const nav = document.createElement('nav');
  nav.setAttribute('aria-label', 'Console');
  const list = document.createElement('ul');
  for (const page of pages.filter(p => !p.operators || (user && isOperator(user)))) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = page.href;
    link.textContent = page.label;
    if (page.href === current) link.setAttribute('aria-current', 'page');
    item.append(link);
    list.append(item);
  }
  nav.append(list);
  header.append(nav);
  if (!user) return;

  // A plain form: a top-level navigation follows the identity provider's end-session redirect.
  const form = document.createElement('form');
  form.method = 'post';
  form.action = '/bff/logout';
  form.className = 'sign-out';
  const who = document.createElement('span');
  who.id = 'who';
  who.textContent = user.name || user.preferredUsername || user.subject;
  const token = document.createElement('input');
  token.type = 'hidden';
  token.name = 'csrf';
  token.value = user.logoutToken ?? '';
  const button = document.createElement('button');
  button.type = 'submit';
  button.id = 'sign-out';
  button.textContent = 'Sign out';
  form.append(who, token, button);
  header.append(form);
}

/** The page's one live region: errors are assertive, progress polite. */
export function showError(error) {
  const region = document.getElementById('status');
  region.className = 'status error';
  region.setAttribute('role', 'alert');
  region.textContent = typeof error === 'string' ? error : error.message;
}

export function showMessage(text) {
  const region = document.getElementById('status');
  region.className = 'status info';
  region.setAttribute('role', 'status');
  region.textContent = text;
}

export function clearStatus() {
  const region = document.getElementById('status');
  region.className = 'status';
  region.textContent = '';
}

/** Runs an action with the button busy, and shows what went wrong instead of failing silently. */
export async function withBusy(button, action) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await action();
  } catch (error) {
    showError(error);
    return undefined;
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

export function element(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'className') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2).toLowerCase(), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...children.filter(c => c !== null && c !== undefined));
  return node;
}
