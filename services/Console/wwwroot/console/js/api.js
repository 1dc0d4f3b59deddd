// Calls to the platform's APIs through the gateway, as the signed-in person: the browser adds the session cookie
// (same origin), and X-CSRF: 1 is what makes the gateway accept that cookie for /api/** at all.

export class ApiError extends Error {
  constructor(status, problem) {
    super(describe(status, problem));
    this.status = status;
    this.problem = problem;
  }
}

function describe(status, problem) {
  if (status === 0) return 'The platform did not answer. Check your connection and try again.';
  if (status === 401) return 'Your session has ended. Sign in again.';
  if (status === 403) return 'You may not do this.';
  if (status === 404) return 'Not found.';
  if (status >= 500) return `The service is not available right now (${status}). Try again in a moment.`;
  return problem?.detail || problem?.title || `The request failed (${status}).`;
}

export async function api(path, { method = 'GET', body, headers = {}, signal } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      signal,
      headers: { 'X-CSRF': '1', Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, null);
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = text; }
  }
  if (!response.ok) throw new ApiError(response.status, typeof data === 'object' ? data : null);
  return data;
}
