// The four steps of Creatio's own guide, in order. Paths and titles are stable: tests and support
// docs link to them (issue 3).
export const STEPS = [
  {
    id: "feature",
    number: 1,
    path: "/setup/feature",
    title: "Enable OAuth 2.0 integration",
    description: "Turn on the additional feature OAuth20Integration for all employees.",
  },
  {
    id: "settings",
    number: 2,
    path: "/setup/settings",
    title: "Review system settings",
    description: "See what the three Identity Service system settings hold now.",
  },
  {
    id: "credentials",
    number: 3,
    path: "/setup/credentials",
    title: "Fill out the system settings",
    description: "Save the Identity Service URL, client ID and client secret, then test them.",
  },
  {
    id: "resource",
    number: 4,
    path: "/setup/resource",
    title: "Create default resource",
    description: "Register Creatio's default resource with the Identity Service.",
  },
] as const;

export type Step = (typeof STEPS)[number];
export type StepId = Step["id"];

export const STATUS_PATH = "/status" as const;

/** Paths that `?next=` may point at after signing in: never an arbitrary URL (no open redirect). */
export const RETURN_PATHS: readonly string[] = [...STEPS.map((s) => s.path), STATUS_PATH];

export function stepById(id: StepId): Step {
  const step = STEPS.find((s) => s.id === id);
  if (!step) throw new Error(`Unknown step ${id}`);
  return step;
}

/** The step after `id`, or null after the last one. */
export function nextStep(id: StepId): Step | null {
  const i = STEPS.findIndex((s) => s.id === id);
  return STEPS[i + 1] ?? null;
}

/** A safe landing path after sign-in: one of the wizard's own pages, else step 1. */
export function safeReturnPath(next: unknown): string {
  if (typeof next === "string" && RETURN_PATHS.includes(next)) return next;
  return STEPS[0].path;
}
