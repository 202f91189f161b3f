import type { Metadata } from "next";
import Link from "next/link";
import { Icon } from "@/components/Icon";
import { ACCESS_PASSWORD_ENV } from "@/lib/access/config";
import { safeNextPath, UNLOCK_SUBMIT_PATH } from "@/lib/access/gate";
import { getAccessConfig } from "@/lib/access/key";
import { describeWait } from "@/lib/access/lockout";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Unlock" };

// A plain HTML form posting to a route handler: works before (and without) JavaScript, and needs
// no server action, whose id would be callable from this public path.
export default async function UnlockPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = await searchParams;
  const next = safeNextPath(typeof query.next === "string" ? query.next : "/");
  const error = query.error === "wrong" || query.error === "throttled" ? query.error : null;
  const locked = getAccessConfig() !== null;
  const waitS = typeof query.wait === "string" && /^\d{1,5}$/.test(query.wait) ? Number(query.wait) : null;
  const wait = waitS ? describeWait(waitS) : "a minute";

  return (
    <>
      <header>
        <div className="app-header">
          <div className="inner">
            <span className="brand">Identity Service setup for Creatio</span>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <h1>Unlock the wizard</h1>
        {locked ? (
          <>
            <p className="lead">
              This wizard holds a Creatio administrator&apos;s session, so it asks for its access password
              first. The person who started it set the password in <code>{ACCESS_PASSWORD_ENV}</code>.
            </p>
            {error ? (
              <div className="alert alert-error" role="alert">
                <p className="alert-title">
                  <Icon name="cross" />
                  <strong>Not unlocked</strong>
                </p>
                {error === "wrong" ? (
                  <>
                    <p>That is not the access password.</p>
                    <p>
                      <strong>Fix:</strong> type the access password again (it is case-sensitive), or ask the
                      person who started the wizard for it.
                    </p>
                  </>
                ) : (
                  <>
                    <p>
                      Too many wrong access passwords were typed from this computer, so the wizard does not
                      check passwords from it for {wait}. Other computers are not affected.
                    </p>
                    <p>
                      <strong>Fix:</strong> wait {wait}, then type the access password again. Ask the person
                      who started the wizard for it if you are not sure.
                    </p>
                  </>
                )}
              </div>
            ) : null}
            <form method="post" action={UNLOCK_SUBMIT_PATH} className="panel">
              <input type="hidden" name="next" value={next} />
              <div className="field">
                <label htmlFor="accessPassword">Access password</label>
                <input
                  id="accessPassword"
                  name="accessPassword"
                  type="password"
                  autoComplete="current-password"
                  required
                  // biome-ignore lint/a11y/noAutofocus: the only field of a page that exists to type it
                  autoFocus
                  aria-invalid={error === "wrong" ? true : undefined}
                />
              </div>
              <div className="actions">
                <button type="submit">Unlock</button>
              </div>
            </form>
          </>
        ) : (
          <>
            <p>No access password is set for this wizard: there is nothing to unlock.</p>
            <p>
              <Link href="/">Go to the connect page</Link>
            </p>
          </>
        )}
      </main>
    </>
  );
}
