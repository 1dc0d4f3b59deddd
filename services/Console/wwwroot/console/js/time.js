// Times in the viewer's own time zone and language, whatever the server's.
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export const viewerTimeZone = zone;

export function formatTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** A <time> element: machine-readable datetime, human text in the viewer's zone. */
export function timeElement(iso) {
  const element = document.createElement('time');
  element.dateTime = iso ?? '';
  element.textContent = formatTime(iso);
  element.title = `${zone}`;
  return element;
}
