// Calls to the platform's APIs through the gateway, as the signed-in person: the browser adds the session cookie
// (same origin), and X-CSRF: 1 is what makes the gateway accept that cookie for /api/** at all.

// A service that is down does not always answer at once: a proxy may hold the request until the gateway gives up
// (100 s). A person should hear sooner that it is not coming.
const AnswerWithinSeconds = 15;

/** Status of an ApiError for a request nobody answered within AnswerWithinSeconds. */
export const NoAnswer = 'no-answer';

export class ApiError extends Error {
  constructor(status, problem) {
    super(describe(status, problem));
    this.status = status;
    this.problem = problem;
  }
}

function describe(status, problem) {
  if (status === NoAnswer) return `The service is not available right now (no answer within ${AnswerWithinSeconds} s). Try again in a moment.`;
  if (status === 0) return 'The platform did not answer. Check your connection and try again.';
  if (status === 401) return 'Your session has ended. Sign in again.';
  if (status === 403) return 'You may not do this.';
  if (status === 404) return 'Not found.';
  if (status >= 500) return `The service is not available right now (${status}). Try again in a moment.`;
  return problem?.detail || problem?.title || `The request failed (${status}).`;
}

export async function api(path, { method = 'GET', body, headers = {}, signal } = {}) {
  const timeout = AbortSignal.timeout(AnswerWithinSeconds * 1000);
  const aborted = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let response;
  let text;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      signal: aborted,
      headers: { 'X-CSRF': '1', Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    text = await response.text();
  } catch (error) {
    if (timeout.aborted && !signal?.aborted) throw new ApiError(NoAnswer, null);
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, null);
  }
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = text; }
  }
  if (!response.ok) throw new ApiError(response.status, typeof data === 'object' ? data : null);
  return data;
}
