// Small request/response helpers over node:http, shared by the demo Creatio's handlers.

import type http from "node:http";

/** What a handler answers; the router writes it and logs the status. */
export interface Reply {
  status: number;
  headers?: Record<string, string | string[]>;
  /** Objects are sent as JSON; strings as they are (with the content type from headers). */
  body?: unknown;
}

const JSON_TYPE = "application/json; charset=utf-8";

export function json(status: number, body: unknown, headers: Record<string, string | string[]> = {}): Reply {
  return { status, headers: { "content-type": JSON_TYPE, ...headers }, body: JSON.stringify(body) };
}

export function html(status: number, page: string, headers: Record<string, string | string[]> = {}): Reply {
  return { status, headers: { "content-type": "text/html; charset=utf-8", ...headers }, body: page };
}

export function redirect(location: string, headers: Record<string, string | string[]> = {}): Reply {
  return html(
    302,
    `<html><head><title>Object moved</title></head><body><h2>Object moved to <a href="${location}">here</a>.</h2></body></html>`,
    {
      location,
      ...headers,
    },
  );
}

export function notFound(): Reply {
  return html(
    404,
    "<!DOCTYPE html><html><head><title>404 - File or directory not found.</title></head>" +
      "<body><h1>Server Error</h1><h2>404 - File or directory not found.</h2></body></html>",
  );
}

export function methodNotAllowed(): Reply {
  return html(405, "<!DOCTYPE html><html><body><p>Method not allowed.</p></body></html>");
}

/** WCF-style fault, as Creatio's services answer an unhandled exception. */
export function fault(status: number, message: string, exceptionType: string): Reply {
  return json(status, { Message: message, StackTrace: null, ExceptionType: exceptionType });
}

export function writeReply(res: http.ServerResponse, reply: Reply): void {
  const body = reply.body === undefined ? "" : String(reply.body);
  res.writeHead(reply.status, { ...reply.headers, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

const MAX_BODY_BYTES = 1_000_000;

export class BodyTooLargeError extends Error {}

export async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError("Request body too large.");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Parses a JSON body; an empty body counts as `{}` (Creatio's parameterless methods take `{}`). */
export function parseJsonBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === "") return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    // The first occurrence wins, like most servers.
    if (!cookies.has(name)) cookies.set(name, part.slice(index + 1).trim());
  }
  return cookies;
}

export function serializeCookie(
  name: string,
  value: string,
  options: { path: string; httpOnly: boolean },
): string {
  return `${name}=${value}; path=${options.path}${options.httpOnly ? "; HttpOnly" : ""}; SameSite=Lax`;
}

export function expiredCookie(name: string, path: string): string {
  return `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=${path}`;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
