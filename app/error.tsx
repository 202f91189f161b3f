"use client";
// Last resort for an unexpected fault while showing a page: a plain message and a way on, never a stack.
import Link from "next/link";

export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest =
    typeof error === "object" && error !== null && "digest" in error && typeof error.digest === "string"
      ? error.digest
      : null;
  return (
    <main id="main" tabIndex={-1}>
      <h1>This page could not be shown</h1>
      <div className="alert alert-error" role="alert">
        <p>The wizard hit an unexpected fault while preparing this page. Nothing was changed in Creatio.</p>
        <p>
          <strong>Fix:</strong> Try again. If it happens again, sign in again from the{" "}
          <Link href="/">connect page</Link>
          {digest ? (
            <>
              {" "}
              and give support this reference: <code>{digest}</code>
            </>
          ) : null}
          .
        </p>
      </div>
      <div className="actions">
        <button type="button" onClick={() => retry()}>
          Try again
        </button>
      </div>
    </main>
  );
}
