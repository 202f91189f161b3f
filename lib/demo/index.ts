// The embedded demo: the demo Identity Service (plain HTTP, plus HTTPS with an in-process demo CA) and
// the multi-tenant demo Creatio wired to it.

import { type DemoCreatio, startDemoCreatio } from "./creatio/server";
import { type DemoIdentityService, startDemoIdentityService } from "./identity/server";
import { generateDemoTls } from "./identity/tls";

export { DemoInputError, DemoTenantNotFoundError } from "./creatio/registry";
export {
  DEMO_PASSWORD,
  DEMO_USER,
  type DemoCreatio,
  type DemoCreatioOptions,
  startDemoCreatio,
} from "./creatio/server";
export { demoAppSettingsJson } from "./identity/appsettings";
export {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_WRONG_CLIENT_SECRET,
  type DemoIdentityService,
  type DemoIdentityServiceOptions,
  startDemoIdentityService,
} from "./identity/server";
export { DemoPortError } from "./listen";
export * from "./types";

export interface StartDemoOptions {
  host?: string;
  /** Default: env DEMO_CREATIO_PORT, else any free port. */
  creatioPort?: number;
  /** Default: env DEMO_IDENTITY_PORT, else any free port. */
  identityPort?: number;
  /** Start the HTTPS Identity Service for the self-signed scenario (default true; skipped if its certificate cannot be made). */
  tlsIdentity?: boolean;
}

export interface RunningDemo {
  creatioUrl: string;
  identityUrl: string;
  /** The HTTPS Identity Service and its CA, when it runs. */
  tlsIdentityUrl?: string;
  identityCaPem?: string;
  creatio: DemoCreatio;
  identity: DemoIdentityService;
  close(): Promise<void>;
}

function portFromEnv(name: string): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return 0;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name} must be a port number from 0 to 65535 (0 picks any free port); it is "${raw}".`);
  }
  return port;
}

export async function startDemo(options: StartDemoOptions = {}): Promise<RunningDemo> {
  const host = options.host ?? "127.0.0.1";
  const started: { close(): Promise<void> }[] = [];
  const closeAll = async () => {
    await Promise.all(started.reverse().map((server) => server.close()));
  };
  try {
    const identity = await startDemoIdentityService({
      host,
      port: options.identityPort ?? portFromEnv("DEMO_IDENTITY_PORT"),
      portEnvVar: "DEMO_IDENTITY_PORT",
    });
    started.push(identity);

    let tlsIdentity: DemoIdentityService | undefined;
    let identityCaPem: string | undefined;
    if (options.tlsIdentity !== false) {
      const tls = await generateDemoTls([host, "localhost"]);
      if (tls) {
        tlsIdentity = await startDemoIdentityService({ host, port: 0, tls });
        started.push(tlsIdentity);
        identityCaPem = tls.caPem;
      }
    }

    const creatio = await startDemoCreatio({
      host,
      port: options.creatioPort ?? portFromEnv("DEMO_CREATIO_PORT"),
      portEnvVar: "DEMO_CREATIO_PORT",
      identityServiceUrl: identity.url,
      tlsIdentityServiceUrl: tlsIdentity?.url,
      identityCaPem,
    });
    started.push(creatio);

    return {
      creatioUrl: creatio.url,
      identityUrl: identity.url,
      tlsIdentityUrl: tlsIdentity?.url,
      identityCaPem,
      creatio,
      identity,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
