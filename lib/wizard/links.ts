// Addresses of Creatio's own pages that the wizard links to.
import type { CreatioSessionState } from "@/lib/creatio/types";

/**
 * Creatio's System settings section. The classic section page exists on both runtimes: under
 * `/0` on .NET Framework and at the site root on .NET (same prefix as the services). A Freedom UI
 * list page exists only on some 8.x builds, so the classic page is the one link that always works.
 */
export function systemSettingsUrl(state: Pick<CreatioSessionState, "baseUrl" | "prefix">): string {
  return `${state.baseUrl}${state.prefix}/Nui/ViewModule.aspx#SectionModuleV2/SysSettingsSection`;
}

export function runtimeLabel(runtime: CreatioSessionState["runtime"]): string {
  return runtime === "netfx" ? ".NET Framework" : ".NET";
}

/** localhost, 127.x.x.x or [::1]: on Creatio's server these name Creatio's own machine. */
export function isLoopbackUrl(text: string): boolean {
  try {
    const host = new URL(text.trim()).hostname.replace(/^\[|\]$/g, "");
    return host === "localhost" || host.endsWith(".localhost") || /^127\./.test(host) || host === "::1";
  } catch {
    return false;
  }
}
