import "server-only";

// The server-side Creatio API: every request the app sends to Creatio is a function exported here.
// Browser code imports types only (./types); Creatio's codes and limits live in lib/contract, errors
// in lib/errors. The steps go through a client (`openCreatio`); the diagnostics, which judge each
// call on its own, use the connection-level functions below.

export {
  type ClientOptions,
  type ConnectInput,
  type ConnectResult,
  type CreatioClient,
  connectToCreatio,
  openCreatio,
} from "./client";
export {
  forkConnection,
  newConnection,
  restoreConnection,
  sessionCookieValues,
  signOut,
} from "./connection";
export { equals, selectBody } from "./dataservice";
export { getFeatureStatus } from "./features";
export { getOAuthHealth } from "./health";
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
export { login } from "./login";
export {
  ANONYMOUS_PROBES,
  answersAnonymously,
  askOperationRight,
  type CreatioOperation,
  csrfHeaderName,
  getSiteRoot,
  operationRightOf,
  type SiteRootAnswer,
  selectWithSession,
} from "./probes";
export type { CreatioAnswer, CreatioConnection } from "./request";
export { classifyResourceFailure, getDefaultResources } from "./resource";
export { detectRuntime, featureIdSelectBody, prefixOf, readVersion } from "./runtime";
export { type IdentitySettingsInput, readIdentitySettings, refineSecretState } from "./settings";
export * from "./types";
