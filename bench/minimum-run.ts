// The minimum run (a child process, see minimum.ts): the same steps as the wizard as direct
// contract calls through lib/creatio, no UI and no server actions. It runs under the
// `react-server` export condition, where `server-only` is the empty module it is inside Next.
import { createInterface } from "node:readline";
import { connectToCreatio, openCreatio } from "@/lib/creatio";
import { now } from "./clock";
import { DemoAdmin } from "./demo-admin";
import type { CheckTiming, MinimumInput, MinimumOutput } from "./minimum-protocol";
import { ERROR_MARKER, RESULT_MARKER } from "./minimum-protocol";
import { newCalls, type Phase, phaseMs, type StepId, type StepMeasure } from "./steps";

async function timed(kind: Phase["kind"], label: string, work: () => Promise<unknown>): Promise<Phase> {
  const start = now();
  await work();
  return { kind, label, start, end: now() };
}

export async function runMinimum(input: MinimumInput): Promise<MinimumOutput> {
  const admin = new DemoAdmin(input.adminUrl);
  const steps: StepMeasure[] = [];
  const measure = async (step: StepId, run: () => Promise<Phase[]>) => {
    const before = await admin.calls(input.tenantId);
    const phases = await run();
    steps.push({
      step,
      phases,
      ms: phaseMs(phases),
      calls: newCalls(before, await admin.calls(input.tenantId)),
    });
  };

  let client: ReturnType<typeof openCreatio> | undefined;
  const creatio = () => {
    if (!client) throw new Error("not connected");
    return client;
  };

  await measure("connect", async () => [
    await timed("action", "connectToCreatio", async () => {
      const { state } = await connectToCreatio({
        baseUrl: input.creatioUrl,
        userName: "Supervisor",
        password: "Supervisor",
      });
      client = openCreatio(state);
    }),
    await timed("load", "getFeatureStatus", () => creatio().getFeatureStatus()),
  ]);
  await measure("feature", async () => [
    await timed("action", "enableFeatureForAllUsers", () => creatio().enableFeatureForAllUsers()),
  ]);
  await measure("settings", async () => [
    await timed("load", "readIdentitySettings (step 2)", () => creatio().readIdentitySettings()),
    await timed("load", "readIdentitySettings (step 3)", () => creatio().readIdentitySettings()),
  ]);
  await measure("credentials", async () => [
    await timed("action", "writeIdentitySettings", () => creatio().writeIdentitySettings(input.identity)),
    await timed("action", "getOAuthHealth", () => creatio().getOAuthHealth()),
  ]);
  await measure("resource", async () => [
    await timed("load", "getDefaultResources", () => creatio().getDefaultResources()),
    await timed("action", "addDefaultResource", () => creatio().addDefaultResource()),
  ]);
  await measure("status", async () => [
    await timed("load", "four reads in parallel", () =>
      Promise.all([
        creatio().getFeatureStatus(),
        creatio().readIdentitySettings(),
        creatio().getDefaultResources(),
        creatio().getOAuthHealth(),
      ]),
    ),
  ]);

  const checks: CheckTiming[] = [];
  const reads: [string, () => Promise<unknown>][] = [
    ["feature", () => creatio().getFeatureStatus()],
    ["settings", () => creatio().readIdentitySettings()],
    ["resource", () => creatio().getDefaultResources()],
    ["health", () => creatio().getOAuthHealth()],
  ];
  for (const [check, read] of reads) {
    const before = await admin.calls(input.tenantId);
    const phase = await timed("load", check, read);
    const calls = newCalls(before, await admin.calls(input.tenantId)).length;
    checks.push({ check, start: phase.start, end: phase.end, calls });
  }

  return { measure: { kind: "minimum", scenario: input.scenario, tenantId: input.tenantId, steps }, checks };
}

/** Answers one line per input line on stdin, so the parent can interleave it with the wizard runs. */
async function main() {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (line.trim() === "") continue;
    try {
      const output = await runMinimum(JSON.parse(line) as MinimumInput);
      process.stdout.write(`${RESULT_MARKER}${JSON.stringify(output)}\n`);
    } catch (error) {
      const e = error as { code?: string; message?: string };
      const message = `${e.code ? `${e.code}: ` : ""}${e.message ?? String(error)}`;
      process.stdout.write(`${ERROR_MARKER}${JSON.stringify(message)}\n`);
    }
  }
}

if (process.env.BENCH_MINIMUM_WORKER === "1") void main();
