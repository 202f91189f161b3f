import "server-only";
import { type CreatioClient, proofAppName } from "@/lib/creatio";
import type { TlsTrust } from "@/lib/creatio/types";
import { wizardError } from "@/lib/errors";
import { requestAppToken } from "@/lib/identity/app-token";
import { CallRecorder } from "@/lib/transport";
import { type ProofRun, runProof } from "./proof";

// The proof wired to a real Creatio client and the Identity Service that Creatio's own setting names
// (OAuth20IdentityServerUrl): the token is asked where Creatio will verify it.

export interface ProofInput {
  keep: boolean;
  /** The wizard's own address, sent as the app's applicationUrl. */
  applicationUrl: string;
  identityTrust?: TlsTrust;
  now?: Date;
  sleep?(ms: number): Promise<void>;
}

export async function proveConnection(
  creatio: CreatioClient,
  input: ProofInput,
): Promise<ProofRun & { identityUrl: string | null }> {
  const identity = new CallRecorder();
  let identityUrl: string | null = null;
  const run = await runProof({
    creatio: {
      calls: creatio.calls,
      canExecuteOperation: (operation) => creatio.canExecuteOperation(operation),
      getDefaultResources: async () => {
        // Read with the default resources: where Creatio's token comes from (step 3's setting).
        const [resources, settings] = await Promise.all([
          creatio.getDefaultResources(),
          creatio.readIdentitySettings(),
        ]);
        identityUrl = settings.url;
        if (!identityUrl) {
          throw wizardError("proof:token-failed", {
            serverMessage: "OAuth20IdentityServerUrl is empty: go to step 3.",
          });
        }
        return resources;
      },
      findProofUser: () => creatio.findProofUser(),
      findIntegrationApps: (match) => creatio.findIntegrationApps(match),
      addIntegrationApp: (app) => creatio.addIntegrationApp(app),
      deleteIntegrationApp: (app) => creatio.deleteIntegrationApp(app),
      bearerRead: (token) => creatio.bearerRead(token),
    },
    identityCalls: identity.list,
    requestToken: (clientId, clientSecret) =>
      requestAppToken({
        identityUrl: identityUrl ?? "",
        clientId,
        clientSecret,
        recorder: identity,
        trust: input.identityTrust,
      }),
    appName: proofAppName(input.now ?? new Date()),
    applicationUrl: input.applicationUrl,
    keep: input.keep,
    sleep: input.sleep,
  });
  return { ...run, identityUrl };
}
