"use client";
import Link from "next/link";
import { useEffect, useRef } from "react";
import type { ActionError } from "@/lib/wizard/result";
import { CallDetails } from "./CallDetails";
import { Icon } from "./Icon";

/**
 * An error as the operator sees it: what happened, Creatio's own words if any, "Fix:", and the
 * calls folded. Role alert. `focus` moves focus here when it appears after an action.
 */
export function ErrorAlert({
  error,
  title,
  returnPath,
  focus = false,
}: {
  error: ActionError;
  title?: string;
  /** Where to come back after signing in again (shown on session expiry). */
  returnPath?: string;
  focus?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  const expired = error.code === "auth:session-expired";
  return (
    <div className="alert alert-error" role="alert" tabIndex={-1} ref={ref}>
      <p className="alert-title">
        <Icon name="cross" />
        <strong>{title ?? "Failed"}</strong>
      </p>
      <p>{error.message}</p>
      {error.creatioMessage && !error.message.includes(error.creatioMessage) ? (
        <p>
          Creatio said: <q>{error.creatioMessage}</q>
        </p>
      ) : null}
      <p>
        <strong>Fix:</strong> {error.fix}
      </p>
      {expired && returnPath ? (
        <p>
          <Link href={`/?${new URLSearchParams({ next: returnPath, reason: "expired" }).toString()}`}>
            Sign in again
          </Link>
        </p>
      ) : null}
      <CallDetails calls={error.calls} />
    </div>
  );
}
