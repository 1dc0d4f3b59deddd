// The inbox's server-sent events read with fetch, not EventSource: EventSource cannot send X-CSRF, without which the
// gateway does not accept the session cookie. Reconnects resume after the last event seen (Last-Event-ID), as
// EventSource would, so nothing delivered while the connection was down is missed.

export function followInbox(onItem, onState) {
  let lastEventId = null;
  let stopped = false;
  const controller = new AbortController();

  async function connect() {
    while (!stopped) {
      try {
        const headers = { 'X-CSRF': '1', Accept: 'text/event-stream' };
        if (lastEventId) headers['Last-Event-ID'] = lastEventId;
        const response = await fetch('/api/inbox/stream', { credentials: 'same-origin', headers, signal: controller.signal });
        if (response.status === 401) { onState('ended'); return; }
        if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
        onState('live');
        await read(response.body.getReader());
      } catch (error) {
        if (stopped || error.name === 'AbortError') return;
      }
      onState('reconnecting');
      await new Promise(resolve => setTimeout(resolve, 2000)); // the stream's own retry: hint
    }
  }

  async function read(reader) {
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  function dispatch(block) {
    let event = 'message';
    let id = null;
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue; // heartbeat
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'id') id = value;
      else if (field === 'data') data.push(value);
    }
    if (id) lastEventId = id;
    if (event === 'item' && data.length) onItem(JSON.parse(data.join('\n')));
  }

  connect();
  return () => { stopped = true; controller.abort(); };
}
