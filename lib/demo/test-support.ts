// Test helpers for the demo's own tests: start the servers in-process and talk to a tenant with plain
// fetch and a minimal cookie jar (the real client lives in lib/creatio; these tests must not depend on it).

import { DEMO_PASSWORD, DEMO_USER } from "./creatio/constants";
import type { CreateTenantInput } from "./creatio/registry";
import type { DemoCreatio } from "./creatio/server";
import { startDemoCreatio } from "./creatio/server";
import { type DemoIdentityService, startDemoIdentityService } from "./identity/server";

export interface TestDemo {
  creatio: DemoCreatio;
  identity: DemoIdentityService;
  close(): Promise<void>;
}

export async function startTestDemo(): Promise<TestDemo> {
  const identity = await startDemoIdentityService();
  const creatio = await startDemoCreatio({ identityServiceUrl: identity.url });
  return {
    creatio,
    identity,
    close: async () => {
      await creatio.close();
      await identity.close();
    },
  };
}

export interface SetCookie {
  name: string;
  value: string;
  path: string | undefined;
  httpOnly: boolean;
}

export function parseSetCookies(response: Response): SetCookie[] {
  return response.headers.getSetCookie().map((line) => {
    const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
    const index = pair.indexOf("=");
    const path = attributes.find((attribute) => attribute.toLowerCase().startsWith("path="));
    return {
      name: pair.slice(0, index),
      value: pair.slice(index + 1),
      path: path?.slice(5),
      httpOnly: attributes.some((attribute) => attribute.toLowerCase() === "httponly"),
    };
  });
}

/** A signed-in (or anonymous) conversation with one tenant. */
export class TenantClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  /** The CSRF cookie's name and value: CRT_CSRF when present, else BPMCSRF. */
  get csrf(): [string, string] | null {
    for (const name of ["CRT_CSRF", "BPMCSRF"]) {
      const value = this.cookies.get(name);
      if (value) return [name, value];
    }
    return null;
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    options: { csrf?: boolean | Record<string, string> } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    }
    const csrf = this.csrf;
    if (typeof options.csrf === "object") Object.assign(headers, options.csrf);
    else if (options.csrf !== false && csrf) headers[csrf[0]] = csrf[1];
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: "manual",
    });
    for (const cookie of parseSetCookies(response)) {
      if (cookie.value === "") this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  async post<T = unknown>(path: string, body: unknown = {}): Promise<{ status: number; body: T }> {
    const response = await this.request("POST", path, body);
    return { status: response.status, body: (await response.json()) as T };
  }

  async login(userName = DEMO_USER, password = DEMO_PASSWORD): Promise<{ Code: number; Message: string }> {
    const response = await this.request("POST", "/ServiceModel/AuthService.svc/Login", {
      UserName: userName,
      UserPassword: password,
    });
    return (await response.json()) as { Code: number; Message: string };
  }
}

/** Creates a tenant and signs in as Supervisor; `p` is the runtime's service prefix. */
export async function signedInTenant(
  demo: TestDemo,
  input: CreateTenantInput = {},
): Promise<{ id: string; client: TenantClient; p: string }> {
  const { id, baseUrl } = demo.creatio.createTenant(input);
  const client = new TenantClient(baseUrl);
  const answer = await client.login();
  if (answer.Code !== 0) throw new Error(`login failed: ${JSON.stringify(answer)}`);
  const runtime = demo.creatio.snapshot(id).runtime;
  return { id, client, p: runtime === "netfx" ? "/0" : "" };
}

/** A DataService filter group `column = value`. */
export function equalsFilter(column: string, dataValueType: number, value: unknown) {
  return {
    filterType: 6,
    isEnabled: true,
    logicalOperation: 0,
    items: {
      f1: {
        filterType: 1,
        comparisonType: 3,
        isEnabled: true,
        leftExpression: { expressionType: 0, columnPath: column },
        rightExpression: { expressionType: 2, parameter: { dataValueType, value } },
      },
    },
  };
}

export function columns(...names: string[]) {
  return {
    items: Object.fromEntries(
      names.map((name) => [name, { expression: { expressionType: 0, columnPath: name } }]),
    ),
  };
}

export function columnValues(values: Record<string, [dataValueType: number, value: unknown]>) {
  return {
    items: Object.fromEntries(
      Object.entries(values).map(([name, [dataValueType, value]]) => [
        name,
        { expressionType: 2, parameter: { dataValueType, value } },
      ]),
    ),
  };
}
