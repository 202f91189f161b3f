// The resource-registration endpoint of the demo Identity Service. Creatio's AddDefaultResource gets a
// client_credentials token with `register_own_resource IdentityServerApi` and posts the new resource here.

import type http from "node:http";
import type Provider from "oidc-provider";

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function handleRegisterResource(
  provider: Provider,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  registered: string[],
): Promise<void> {
  try {
    if (req.method !== "POST") return sendJson(res, 405, { error: "method_not_allowed" });
    const [scheme, value] = (req.headers.authorization ?? "").split(" ");
    const token =
      scheme?.toLowerCase() === "bearer" && value ? await provider.ClientCredentials.find(value) : undefined;
    if (!token || token.isExpired || !(token.scope ?? "").split(" ").includes("register_own_resource")) {
      return sendJson(res, 401, { error: "invalid_token" });
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return sendJson(res, 400, { error: "invalid_request", error_description: "Body is not JSON." });
    }
    const name = (body as { Name?: unknown } | null)?.Name;
    if (typeof name !== "string" || name === "") {
      return sendJson(res, 400, { error: "invalid_request", error_description: "Name is required." });
    }
    // Registering the same name again is harmless (a reset demo tenant keeps its resource name).
    const existed = registered.includes(name);
    if (!existed) registered.push(name);
    sendJson(res, 200, { success: true, name, existed });
  } catch {
    if (!res.headersSent) sendJson(res, 500, { error: "server_error" });
  }
}
