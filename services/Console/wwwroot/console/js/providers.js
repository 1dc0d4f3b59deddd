// Each channel's providers in failover order and every worker replica's breaker for them; read-only, for operators and support.
import { api } from './api.js';
import { startPage, element, showError, clearStatus, withBusy } from './shell.js';
import { timeElement, formatTime } from './time.js';

// Replicas report every 15 s: looking again as often shows a change within a report or two, without a reload.
const RefreshEvery = 15_000;

const container = document.getElementById('channels');
const refresh = document.getElementById('refresh');
const user = await startPage({ operatorsOnly: true });

if (user) {
  refresh.addEventListener('click', () => withBusy(refresh, load));
  await load();
  setInterval(() => { if (!document.hidden) load(); }, RefreshEvery);
} else {
  container.setAttribute('aria-busy', 'false');
  container.replaceChildren();
}

async function load() {
  container.setAttribute('aria-busy', 'true');
  try {
    const board = await api('/api/providers');
    document.getElementById('stale-after').textContent = duration(board.staleAfterSeconds);
    container.replaceChildren(...board.channels.map(channelSection));
    if (board.channels.length === 0) {
      container.append(element('p', { text: 'No delivery-worker replica has reported yet. Reports arrive within 15 seconds of a worker starting.' }));
    }
    document.getElementById('updated').textContent = `Updated ${formatTime(board.at)}`;
    clearStatus();
  } catch (error) {
    // What was shown stays (marked by the message as possibly out of date); a first load that fails leaves the message alone.
    if (container.querySelector('p.muted')) container.replaceChildren();
    showError(error);
  } finally {
    container.setAttribute('aria-busy', 'false');
  }
}

function channelSection(channel) {
  const headingId = `channel-${channel.channel}`;
  return element('section', { className: 'channel', 'aria-labelledby': headingId, 'data-channel': channel.channel },
    element('h2', { id: headingId, text: `${channel.channel}` }),
    element('ol', { className: 'providers' }, ...channel.providers.map(provider => providerItem(channel.channel, provider))));
}

function providerItem(channel, provider) {
  const label = `${channel} provider ${provider.name}`;
  const rows = provider.replicas.map(replica => replicaRow(channel, provider.name, replica));
  return element('li', { className: 'provider', 'data-provider': provider.name },
    element('h3', { text: provider.name }),
    element('div', { className: 'table-wrap', role: 'region', 'aria-label': `Replicas of ${label}`, tabindex: '0' },
      element('table', { className: 'stack' },
        element('caption', { className: 'sr-only', text: `Circuit breaker of ${label} on each delivery-worker replica` }),
        element('thead', {}, element('tr', {}, ...['Replica', 'Breaker', 'Since', 'Open until', 'Last error', 'Sends', 'Last report']
          .map(h => element('th', { scope: 'col', text: h })))),
        element('tbody', {}, ...rows))));
}

function replicaRow(channel, provider, replica) {
  const state = element('span', { className: `breaker breaker-${replica.state}`, text: stateText(replica.state) });
  const report = element('span', {}, timeElement(replica.reportedAt), ` (${duration(replica.reportAgeSeconds)} ago)`);
  if (replica.stale) report.prepend(element('strong', { className: 'stale', text: 'Stale: ' }));
  const counts = replica.counts;
  const sends = counts
    ? element('span', {}, `${counts.accepted} accepted, ${counts.rejected} rejected, ${counts.failed} failed, ${counts.deferred} held back`,
      counts.since ? element('span', { className: 'muted' }, ' since ', timeElement(counts.since)) : null)
    : '';
  return element('tr', { 'data-replica': replica.replica, 'data-state': replica.state, className: replica.stale ? 'stale-row' : null },
    element('td', { 'data-label': 'Replica', text: replica.replica }),
    element('td', { 'data-label': 'Breaker' }, state),
    element('td', { 'data-label': 'Since' }, timeElement(replica.since)),
    element('td', { 'data-label': 'Open until' }, replica.openUntil ? openUntil(replica.openUntil) : '—'),
    element('td', { 'data-label': 'Last error', className: 'last-error', text: replica.lastError ?? '—' }),
    element('td', { 'data-label': 'Sends' }, sends),
    element('td', { 'data-label': 'Last report', className: 'last-report' }, report));
}

function stateText(state) {
  if (state === 'Open') return 'Open: provider not called';
  if (state === 'HalfOpen') return 'Half-open: one probe with the provider';
  return state === 'Closed' ? 'Closed: in use' : state;
}

/** An open breaker whose break is over waits for the next send, which is the probe. */
function openUntil(iso) {
  const until = timeElement(iso);
  return new Date(iso) <= new Date() ? element('span', {}, until, ' (over: the next send probes)') : until;
}

function duration(seconds) {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} d`;
}
