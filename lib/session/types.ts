import type { CreatioSessionState } from "@/lib/creatio/types";
import type { DemoScenario } from "@/lib/demo/types";

/** Step-3 values the operator submitted last; kept server-side so a sign-in in between loses nothing. */
export interface CredentialsDraft {
  /** The Creatio these values were meant for: a draft never follows the operator to another Creatio. */
  baseUrl: string;
  identityUrl: string;
  clientId: string;
  /** Server-side only: never sent to the browser, never logged, never in a report. Empty = none typed. */
  clientSecret: string;
}

/** Creatio's URL and client id before the wizard's last save, for "Restore previous values". */
export interface PreviousSettings {
  baseUrl: string;
  identityUrl: string | null;
  clientId: string | null;
}

/** This browser's own demo Creatio (trainer demo mode): the only tenant the wizard ever asks the demo about. */
export interface DemoSessionTenant {
  id: string;
  baseUrl: string;
  scenario: DemoScenario | "custom";
  /** The scenario's title, as the banner names it. */
  title: string;
  /** The Identity Service the scenario tells the trainee to use. */
  identityUrl: string;
  /** The demo CA when this scenario's Identity Service uses the demo's HTTPS certificate. Not a secret. */
  identityCaPem: string | null;
  /** The operator chose to trust that CA for the Identity Service checks from the wizard host. */
  identityCaTrusted: boolean;
}

/** One operator's wizard session, held only in the server's memory; the browser holds its sealed id. */
export interface WizardSession {
  id: string;
  createdAt: number;
  lastSeenAt: number;
  /** The signed-in Creatio session (its cookies): null when signed out or expired. */
  creatio: CreatioSessionState | null;
  /** Counts sign-ins: a request that began before the latest sign-in never writes its stale cookies back. */
  signIns: number;
  /** Where and as whom the operator last signed in (no password), to prefill the connect form after expiry. */
  lastLogin: { baseUrl: string; userName: string } | null;
  /** Step 2: the operator pressed "Continue" (for lastLogin.baseUrl). */
  settingsReviewed: boolean;
  draft: CredentialsDraft | null;
  previous: PreviousSettings | null;
  /** The Creatio (base URL) where the wizard saved the secret and Creatio answered saveResult true. */
  secretSavedFor: string | null;
  /** Demo instances this browser created, newest first: their Identity Service address for the step-3 hint. */
  demoTenants: { baseUrl: string; identityUrl: string }[];
  /** This browser's demo tenant (the latest "Use demo Creatio"); absent or null: none. */
  demo?: DemoSessionTenant | null;
}
