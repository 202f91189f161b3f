import Link from "next/link";
import type { CreatioSessionState } from "@/lib/creatio/types";
import { runtimeLabel } from "@/lib/wizard/links";
import { DemoBanner } from "./DemoBanner";
import { SignOutButton } from "./SignOutButton";

export interface ConnectionInfo {
  baseUrl: string;
  runtime: CreatioSessionState["runtime"];
  version: string | null;
  userName: string;
}

export function connectionInfo(state: CreatioSessionState): ConnectionInfo {
  return { baseUrl: state.baseUrl, runtime: state.runtime, version: state.version, userName: state.userName };
}

/** Product name, the demo banner, which Creatio the wizard is signed in to, and sign-out. */
export function AppHeader({
  demo,
  connection,
  signOut,
}: {
  demo: boolean;
  connection: ConnectionInfo | null;
  signOut?: () => Promise<void>;
}) {
  return (
    <header>
      {demo ? <DemoBanner /> : null}
      <div className="app-header">
        <div className="inner">
          <Link href="/" className="brand" prefetch={false}>
            Identity Service setup for Creatio
          </Link>
          {connection ? (
            <div className="header-links">
              <Link href="/status" prefetch={false}>
                Connection status
              </Link>
              {signOut ? <SignOutButton action={signOut} /> : null}
            </div>
          ) : null}
        </div>
        {connection ? (
          <p className="inner connection">
            <span className="host">{connection.baseUrl}</span>
            <span>
              Creatio {connection.version ?? "(version unknown)"} on {runtimeLabel(connection.runtime)}
            </span>
            <span>Signed in as {connection.userName}</span>
          </p>
        ) : null}
      </div>
    </header>
  );
}
