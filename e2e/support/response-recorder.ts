// Records every response a browser context receives from the wizard (HTML, RSC payloads, JS, JSON,
// server-action answers, downloads through the network), with headers, for secret-leak checks.
import type { BrowserContext, Route } from "@playwright/test";

export interface RecordedResponse {
  url: string;
  method: string;
  status: number;
  contentType: string;
  /** Every response header, `name: value` per line (Set-Cookie included). */
  headers: string;
  /** The whole body as text (empty for redirects and bodiless answers). */
  body: string;
}

/**
 * Every request of the context goes through `route.fetch` and back with `route.fulfill`, so each body
 * is read whole before the browser gets it: nothing is lost when a page navigates away (the browser
 * forgets a left page's body) and streamed answers are recorded in full.
 */
export class ResponseRecorder {
  readonly responses: RecordedResponse[] = [];
  readonly requestUrls: string[] = [];

  static async attach(context: BrowserContext): Promise<ResponseRecorder> {
    const recorder = new ResponseRecorder();
    await context.route("**/*", (route) => recorder.handle(route));
    return recorder;
  }

  private async handle(route: Route): Promise<void> {
    const request = route.request();
    this.requestUrls.push(request.url());
    // Redirects go back to the browser as they are: it follows them itself, each one recorded.
    const response = await route.fetch({ maxRedirects: 0 });
    const body = await response.body();
    const headers = response.headersArray();
    this.responses.push({
      url: request.url(),
      method: request.method(),
      status: response.status(),
      contentType: response.headers()["content-type"] ?? "",
      headers: headers.map((h) => `${h.name}: ${h.value}`).join("\n"),
      body: body.toString("utf8"),
    });
    await route.fulfill({ response, body });
  }
}

/** Where `needle` (or a common encoding of it) occurs in `haystack`, or null. */
export function findEncoded(haystack: string, needle: string): string | null {
  const forms: [string, string][] = [
    ["plain", needle],
    ["URL-encoded", encodeURIComponent(needle)],
    ["base64", Buffer.from(needle).toString("base64").replace(/=+$/, "")],
    ["JSON-escaped", JSON.stringify(needle).slice(1, -1)],
  ];
  for (const [name, form] of forms) {
    const at = haystack.indexOf(form);
    if (at >= 0) return `${name} at ${at}: …${haystack.slice(Math.max(0, at - 60), at + form.length + 20)}…`;
  }
  return null;
}
