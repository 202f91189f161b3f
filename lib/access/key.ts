// The access cookie's sealing key in this process: null when no access password is set.
import { getSessionPassword } from "@/lib/session/secret";
import { accessPasswordFrom } from "./config";
import { accessSealKey } from "./cookie";

export interface AccessConfig {
  password: string;
  sealKey: string;
}

export function getAccessConfig(): AccessConfig | null {
  const password = accessPasswordFrom(process.env);
  if (password === null) return null;
  return { password, sealKey: accessSealKey(getSessionPassword(), password) };
}

/** Whether this request came over https (behind a proxy that says so): then cookies are Secure. */
export function isHttpsRequest(forwardedProto: string | null): boolean {
  return (forwardedProto ?? "").split(",")[0]?.trim() === "https";
}
