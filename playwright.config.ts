import { defineConfig, devices } from "@playwright/test";
import { DEMO_CLIENT_SECRET } from "./lib/demo/identity/constants";

// The e2e suite runs against `npm start` (a production build plus the embedded demo servers),
// never against `next dev`. Fixed ports so specs can reach the demo's admin API.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DEMO_CREATIO_PORT = Number(process.env.E2E_DEMO_CREATIO_PORT ?? 4100);
export const E2E_DEMO_IDENTITY_PORT = Number(process.env.E2E_DEMO_IDENTITY_PORT ?? 4101);
/** Per-call limit of the wizard's calls: a server that never answers (e2e/bad-input) fails after this. */
export const E2E_CREATIO_TIMEOUT_MS = 8_000;
/**
 * What `GET /api/status` of the e2e server watches: the demo tenant with this fixed id, which
 * e2e/api-status.spec.ts creates (the server reads the WIZARD_MONITOR_* variables at each request).
 */
export const E2E_MONITOR = {
  tenantId: "monitor",
  user: "Monitor",
  password: "Monitor-e2e-Pa55word",
  token: "e2e-monitor-token-0123456789abcdef",
  clientSecret: DEMO_CLIENT_SECRET,
} as const;

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "npm start",
    url: `http://127.0.0.1:${E2E_PORT}/`,
    timeout: 420_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(E2E_PORT),
      WIZARD_HOST: "127.0.0.1",
      // One log line per outbound call is noise here; warnings (failed calls) still show.
      LOG_LEVEL: "error",
      DEMO_CREATIO_PORT: String(E2E_DEMO_CREATIO_PORT),
      DEMO_IDENTITY_PORT: String(E2E_DEMO_IDENTITY_PORT),
      WIZARD_SESSION_SECRET: "e2e-session-secret-that-is-long-enough-0123456789",
      WIZARD_CREATIO_TIMEOUT_MS: String(E2E_CREATIO_TIMEOUT_MS),
      WIZARD_MONITOR_CREATIO_URL: `http://127.0.0.1:${E2E_DEMO_CREATIO_PORT}/t/${E2E_MONITOR.tenantId}`,
      WIZARD_MONITOR_USER: E2E_MONITOR.user,
      WIZARD_MONITOR_PASSWORD: E2E_MONITOR.password,
      WIZARD_MONITOR_TOKEN: E2E_MONITOR.token,
      WIZARD_MONITOR_CLIENT_SECRET: E2E_MONITOR.clientSecret,
    },
  },
});
