import { describe, expect, it } from "vitest";
import { isLoopbackUrl, systemSettingsUrl } from "./links";

describe("systemSettingsUrl", () => {
  it("opens the System settings section under /0 on .NET Framework and at the root on .NET", () => {
    expect(systemSettingsUrl({ baseUrl: "https://c.example.com/crm", prefix: "/0" })).toBe(
      "https://c.example.com/crm/0/Nui/ViewModule.aspx#SectionModuleV2/SysSettingsSection",
    );
    expect(systemSettingsUrl({ baseUrl: "https://c.example.com", prefix: "" })).toBe(
      "https://c.example.com/Nui/ViewModule.aspx#SectionModuleV2/SysSettingsSection",
    );
  });
});

describe("isLoopbackUrl", () => {
  it("recognises addresses that mean the Creatio server itself", () => {
    for (const url of [
      "http://localhost:8090",
      "https://127.0.0.1",
      "http://[::1]:5000",
      "http://is.localhost",
    ]) {
      expect(isLoopbackUrl(url)).toBe(true);
    }
    for (const url of ["https://is.example.com", "http://10.0.0.5:8090", "not a url", ""]) {
      expect(isLoopbackUrl(url)).toBe(false);
    }
  });
});
