import type { CallRecord } from "@/lib/creatio/types";

/** A call's status as the operator reads it: the HTTP status, else what became of the request. */
export function callStatus(call: CallRecord): string {
  if (call.status !== null) return String(call.status);
  // DNS, TCP and TLS steps have no HTTP status: they succeeded or failed.
  if (call.method === "DNS" || call.method === "TCP" || call.method === "TLS") {
    return call.error ? `failed (${call.error})` : "ok";
  }
  return call.error ? `no answer (${call.error})` : "no answer";
}

/** The calls behind a result, one row each: method, URL, status, milliseconds. Never a secret. */
export function CallTable({ calls }: { calls: readonly CallRecord[] }) {
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">Method</th>
            <th scope="col">URL</th>
            <th scope="col">Status</th>
            <th scope="col">Time</th>
          </tr>
        </thead>
        <tbody>
          {calls.map((call, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: calls are an append-only log; the same call can repeat.
            <tr key={i}>
              <td>
                <code>{call.method}</code>
              </td>
              <td className="url">
                <code>{call.url}</code>
              </td>
              <td>{callStatus(call)}</td>
              <td className="num">{Math.round(call.ms)} ms</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The calls behind a result, folded. */
export function CallDetails({ calls, summary = "Details" }: { calls: CallRecord[]; summary?: string }) {
  if (calls.length === 0) return null;
  return (
    <details className="calls">
      <summary>
        {summary}: {calls.length} {calls.length === 1 ? "call" : "calls"}
      </summary>
      <CallTable calls={calls} />
    </details>
  );
}
