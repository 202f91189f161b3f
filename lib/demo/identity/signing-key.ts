// One RSA signing key per process for the demo Identity Service's JWKS. Generated, never stored: the demo's
// tokens need not outlive the process. RS256 because oidc-provider signs ID tokens with it by default.

import { generateKeyPairSync, type JsonWebKey, randomUUID } from "node:crypto";

let cached: JsonWebKey | undefined;

export function demoSigningJwk(): JsonWebKey {
  if (!cached) {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    cached = { ...privateKey.export({ format: "jwk" }), kid: randomUUID(), alg: "RS256", use: "sig" };
  }
  return cached;
}
