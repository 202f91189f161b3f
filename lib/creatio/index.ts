import "server-only";

// The server-side Creatio API the app uses. Browser code imports ./url, ./errors and ./types only.

export {
  type ClientOptions,
  type ConnectInput,
  type ConnectResult,
  type CreatioClient,
  connectToCreatio,
  openCreatio,
} from "./client";
export * from "./errors";
export { CallRecorder, recordingFetch, sendHttp } from "./http";
export {
  type BearerResult,
  type CreatedApp,
  type DeleteOutcome,
  type IntegrationApp,
  PROOF_APP_PREFIX,
  type ProofUser,
  proofAppCreatedAt,
  proofAppName,
} from "./integration-apps";
export { describeError, wizardError } from "./messages";
export { classifyResourceFailure } from "./resource";
export { type IdentitySettingsInput, refineSecretState, SECRET_MASK } from "./settings";
export { inspectCertificate, normalizeFingerprint, normalizeTrust } from "./tls";
export * from "./types";
export {
  checkCreatioUrl,
  checkIdentityUrl,
  creatioUrlSchema,
  identityUrlSchema,
  normalizeCreatioUrl,
  normalizeIdentityUrl,
} from "./url";
