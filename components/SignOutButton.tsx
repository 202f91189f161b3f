"use client";
import { useFormStatus } from "react-dom";

function Submit() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className="link" disabled={pending}>
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}

/** Ends the Creatio session and forgets everything the wizard held for it. */
export function SignOutButton({ action }: { action: () => Promise<void> }) {
  return (
    <form action={action}>
      <Submit />
    </form>
  );
}
