import { CookieJar } from "tough-cookie";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { CallRecorder } from "@/lib/transport";
import {
  answerError,
  type CreatioAnswer,
  type CreatioConnection,
  callCreatio,
  csrfHeader,
  exchange,
} from "./request";
import { failure } from "./test-support/demo";
import { sendJson, startServer, type TestServer } from "./test-support/servers";

const servers: TestServer[] = [];
async function serve(handler: Parameters<typeof startServer>[0]) {
  const s = await startServer(handler);
  servers.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function connection(baseUrl: string): CreatioConnection {
  return { baseUrl, prefix: "/0", jar: new CookieJar(), recorder: new CallRecorder() };
}

describe("cookie jar and CSRF header", () => {
  it("stores cookies of every answer by path and sends the matching ones", async () => {
    const s = await serve((req, res) => {
      if (req.url === "/crm/ServiceModel/AuthService.svc/Login") {
        sendJson(
          res,
          200,
          { Code: 0 },
          {
            "set-cookie": [
              "BPMCSRF=token1; path=/crm",
              ".ASPXAUTH=auth; path=/crm; HttpOnly",
              "Other=x; path=/elsewhere",
            ],
          },
        );
        return;
      }
      sendJson(res, 200, { success: true });
    });
    const conn = connection(`${s.url}/crm`);
    await exchange(conn, { method: "POST", path: "/ServiceModel/AuthService.svc/Login", body: {} });
    await exchange(conn, { method: "POST", path: "/0/DataService/json/SyncReply/SelectQuery", body: {} });
    const [login, select] = s.requests;
    expect(login?.headers.bpmcsrf).toBeUndefined();
    expect(login?.headers.cookie).toBeUndefined();
    expect(select?.headers.cookie).toBe("BPMCSRF=token1; .ASPXAUTH=auth");
    expect(select?.headers.bpmcsrf).toBe("token1");
  });

  it("names the header after CRT_CSRF when present, else BPMCSRF", async () => {
    const jar = new CookieJar();
    expect(csrfHeader(jar, "http://h/x")).toEqual({});
    jar.setCookieSync("BPMCSRF=old", "http://h/");
    expect(csrfHeader(jar, "http://h/x")).toEqual({ BPMCSRF: "old" });
    jar.setCookieSync("CRT_CSRF=new", "http://h/");
    expect(csrfHeader(jar, "http://h/x")).toEqual({ CRT_CSRF: "new" });
  });

  it("updates a cookie that Creatio renews", async () => {
    let n = 0;
    const s = await serve((_req, res) =>
      sendJson(res, 200, { success: true }, { "set-cookie": [`BPMCSRF=v${++n}; path=/`] }),
    );
    const conn = connection(s.url);
    await exchange(conn, { method: "POST", path: "/0/a", body: {} });
    await exchange(conn, { method: "POST", path: "/0/b", body: {} });
    expect(s.requests[1]?.headers.bpmcsrf).toBe("v1");
    expect(csrfHeader(conn.jar, `${s.url}/0/c`)).toEqual({ BPMCSRF: "v2" });
  });
});

describe("redirects", () => {
  it("follows a same-origin GET redirect with the session", async () => {
    const s = await serve((req, res) => {
      if (req.url === "/0/old") {
        res.writeHead(301, { location: "/0/new" }).end();
        return;
      }
      sendJson(res, 200, { moved: true });
    });
    const conn = connection(s.url);
    conn.jar.setCookieSync(".ASPXAUTH=a; path=/", s.url);
    const answer = await exchange(conn, { method: "GET", path: "/0/old" });
    expect(answer.json).toEqual({ moved: true });
    expect(s.requests.map((r) => [r.path, r.headers.cookie])).toEqual([
      ["/0/old", ".ASPXAUTH=a"],
      ["/0/new", ".ASPXAUTH=a"],
    ]);
    expect(conn.recorder.list.map((c) => c.status)).toEqual([301, 200]);
  });

  it("never follows a redirect to another host, so cookies never go there", async () => {
    const thief = await serve((_req, res) => sendJson(res, 200, {}));
    const s = await serve((_req, res) => res.writeHead(302, { location: `${thief.url}/collect` }).end());
    const conn = connection(s.url);
    conn.jar.setCookieSync(".ASPXAUTH=secret; path=/", s.url);
    const e = await failure(callCreatio(conn, { method: "GET", path: "/0/x", schema: z.unknown() }));
    expect(e.code).toBe("network:redirect");
    expect(e.message).toContain(`${thief.url}/collect`);
    expect(thief.requests).toEqual([]);
  });

  it("stops a redirect loop", async () => {
    const s = await serve((req, res) => res.writeHead(302, { location: req.url }).end());
    const conn = connection(s.url);
    const e = await failure(exchange(conn, { method: "GET", path: "/0/loop" }));
    expect(e.code).toBe("network:redirect");
    expect(e.message).toMatch(/loop/);
    expect(s.requests).toHaveLength(5);
  });

  it("a redirect without a Location -> network:redirect saying so", async () => {
    const s = await serve((_req, res) => res.writeHead(302).end());
    const e = await failure(
      callCreatio(connection(s.url), { method: "GET", path: "/0/x", schema: z.unknown() }),
    );
    expect(e.code).toBe("network:redirect");
    expect(e.message).toMatch(/names no address/);
  });

  it("does not follow a redirect of a POST, even to the same site", async () => {
    const s = await serve((_req, res) => res.writeHead(307, { location: "/0/other" }).end());
    const conn = connection(s.url);
    const e = await failure(
      callCreatio(conn, { method: "POST", path: "/0/x", body: {}, schema: z.unknown() }),
    );
    expect(e.code).toBe("network:redirect");
    expect(s.requests).toHaveLength(1);
  });

  it("recognises both runtimes' login pages as session expiry", async () => {
    for (const location of [
      "/0/Login/NuiLogin.aspx?ReturnUrl=%2f0%2fx",
      "/crm/Login/Login.html?ReturnUrl=x",
    ]) {
      const s = await serve((_req, res) => res.writeHead(302, { location }).end());
      const e = await failure(
        callCreatio(connection(s.url), { method: "GET", path: "/0/x", schema: z.unknown() }),
      );
      expect(e.code).toBe("auth:session-expired");
      expect(s.requests).toHaveLength(1);
    }
  });
});

describe("answerError: session calls", () => {
  const conn = connection("http://creatio.example.com");
  const answer = (a: Partial<CreatioAnswer>): CreatioAnswer => ({
    status: 200,
    location: null,
    loginRedirect: false,
    html: false,
    json: undefined,
    record: { method: "POST", url: "u", status: 200, ms: 1 },
    url: "http://creatio.example.com/0/x",
    ...a,
  });

  it.each([
    [
      "a .svc 401 Authentication failed.",
      "/0/ServiceModel/X.svc/Y",
      { status: 401, json: { Message: "Authentication failed." } },
      "auth:session-expired",
    ],
    [
      "a .svc 401 with another message",
      "/0/ServiceModel/X.svc/Y",
      { status: 401, json: { Message: "CSRF token validation failed." } },
      "auth:csrf",
    ],
    ["a .svc 403", "/0/ServiceModel/X.svc/Y", { status: 403 }, "auth:csrf"],
    [
      "a DataService 401",
      "/0/DataService/json/SyncReply/SelectQuery",
      { status: 401, json: { Message: "Authentication failed." } },
      "auth:csrf",
    ],
    ["a rest 403", "/0/rest/FeatureService/GetFeatureState", { status: 403, html: true }, "auth:csrf"],
    ["a 200 HTML page", "/0/rest/X/Y", { html: true }, "auth:session-expired"],
    ["a 404", "/0/rest/X/Y", { status: 404, html: true }, "creatio:unexpected"],
    ["a 502", "/0/rest/X/Y", { status: 502, html: true }, "creatio:server-error"],
    ["a 400 fault", "/0/rest/X/Y", { status: 400, json: { Message: "Bad request" } }, "creatio:unexpected"],
  ] as const)("%s -> %s", (_label, path, a, code) => {
    expect(answerError(conn, "session", path, answer(a)).code).toBe(code);
  });

  it("quotes Creatio's fault message on server errors", () => {
    const e = answerError(
      conn,
      "session",
      "/0/x",
      answer({ status: 500, json: { Message: "Object reference not set" } }),
    );
    expect(e.creatioMessage).toBe("Object reference not set");
  });
});
