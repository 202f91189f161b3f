import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInTenant, startTestDemo, TenantClient, type TestDemo } from "../test-support";

let demo: TestDemo;
beforeAll(async () => {
  demo = await startTestDemo();
});
afterAll(() => demo.close());

const RIGHTS = "/rest/RightsService/GetCanExecuteOperation";

describe("RightsService/GetCanExecuteOperation", () => {
  it("answers the signed-in user's rights per operation", async () => {
    const { client, p } = await signedInTenant(demo, {});
    for (const operation of ["CanManageSysSettings", "canmanagesolution"]) {
      const answer = await client.post(`${p}${RIGHTS}`, { operation });
      expect(answer).toEqual({ status: 200, body: { GetCanExecuteOperationResult: true } });
    }
    const unknown = await client.post(`${p}${RIGHTS}`, { operation: "CanDoAnything" });
    expect(unknown.body).toEqual({ GetCanExecuteOperationResult: false });
  });

  it("answers false for a user without the rights", async () => {
    const { client, p } = await signedInTenant(demo, { scenario: "no-rights" });
    const answer = await client.post(`${p}${RIGHTS}`, { operation: "CanManageSysSettings" });
    expect(answer.body).toEqual({ GetCanExecuteOperationResult: false });
  });

  it("redirects to the login page without a session, like the other rest services", async () => {
    const { baseUrl } = demo.creatio.createTenant({});
    const anonymous = new TenantClient(baseUrl);
    const answer = await anonymous.request("POST", `/0${RIGHTS}`, { operation: "CanManageSolution" });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toContain("/0/Login/NuiLogin.aspx");
  });
});
