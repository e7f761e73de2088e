// An answer of the API as a stubbed `fetch` returns it: JSON with its status.
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}
