// GET /api/health: liveness only (the container's HEALTHCHECK). It touches neither Creatio nor the
// demo and reads no configuration: 200 means the wizard's server is up and answering. Needs no access
// cookie (lib/access/gate.ts); it says nothing about the setup (that is /api/status).
export const dynamic = "force-dynamic";

export function GET(): Response {
  return new Response('{"status":"ok"}\n', {
    status: 200,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });
}
