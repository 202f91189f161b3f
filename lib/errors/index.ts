// Every error the wizard can show, as `area:reason` with a plain message and a fix. Browser-safe:
// the server raises these and the pages and forms show them, from this one module.
export * from "./messages";
export type { CallRecord, CertificateInfo } from "./types";
export * from "./wizard-error";
