import type { CallRecord } from "@/lib/creatio/types";

/** The calls behind a result, folded: method, URL, status, milliseconds. Never a secret. */
export function CallDetails({ calls, summary = "Details" }: { calls: CallRecord[]; summary?: string }) {
  if (calls.length === 0) return null;
  return (
    <details className="calls">
      <summary>
        {summary}: {calls.length} {calls.length === 1 ? "call" : "calls"}
      </summary>
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
                <td>{call.status ?? (call.error ? `no answer (${call.error})` : "no answer")}</td>
                <td className="num">{Math.round(call.ms)} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
