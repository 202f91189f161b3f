import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" tabIndex={-1}>
      <h1>Page not found</h1>
      <p>This address is not a page of the wizard.</p>
      <p>
        <Link href="/">Go to the connect page</Link> or <Link href="/status">see the connection status</Link>.
      </p>
    </main>
  );
}
