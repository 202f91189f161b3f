// The few pages and anonymous endpoints of a Creatio site: the login page of each runtime, the shell
// after login, the ping, and GetApplicationInfo (which carries coreVersion).

import { html, json, type Reply } from "./http";
import type { ResolvedUser, Tenant } from "./tenant";

function page(title: string, body: string): string {
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
}

export function loginPage(tenant: Tenant): Reply {
  return html(
    200,
    page(
      "Creatio",
      `<main id="login-page" data-runtime="${tenant.config.runtime}"><h1>Creatio</h1>` +
        '<form><label>User name <input name="UserName"></label><label>Password <input type="password" name="UserPassword"></label>' +
        "<button>Log in</button></form><p>Demo Creatio for the Identity Service wizard.</p></main>",
    ),
  );
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export function shellPage(user: ResolvedUser): Reply {
  const body = `<main id="shell"><p>Signed in as ${escapeHtml(user.name)}. This demo Creatio has no UI.</p></main>`;
  return html(200, page("Creatio", body));
}

export function ping(): Reply {
  return { status: 200, headers: { "content-type": "text/plain; charset=utf-8" }, body: "Pong" };
}

export function applicationInfo(tenant: Tenant, user: ResolvedUser): Reply {
  return json(200, {
    applicationInfo: {
      sysValues: {
        coreVersion: tenant.config.version,
        productEdition: "Studio Creatio, enterprise edition",
        currentUser: { value: user.id, displayValue: user.name },
        primaryCulture: { value: "a5420246-0a8e-e111-84a3-00155d054c03", displayValue: "en-US" },
      },
      productInfo: { runtime: tenant.config.runtime === "netfx" ? ".NET Framework" : ".NET" },
    },
  });
}
