import type { IdentitySettings, SecretState } from "@/lib/creatio/types";

const SECRET_TEXT: Record<SecretState, string> = {
  set: "Set",
  "not-set": "Not set",
  unknown: "Unknown",
};

function Value({ value }: { value: string | null }) {
  return value ? <code>{value}</code> : <span className="empty-value">Empty</span>;
}

/** The three system settings with their current values; the secret only as set / not set / unknown. */
export function SettingsTable({ settings, secret }: { settings: IdentitySettings; secret: SecretState }) {
  return (
    <table className="settings-table">
      <caption className="visually-hidden">Identity Service system settings in Creatio</caption>
      <thead>
        <tr>
          <th scope="col">System setting</th>
          <th scope="col">Current value</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">
            <code>OAuth20IdentityServerUrl</code>
          </th>
          <td>
            <Value value={settings.url} />
          </td>
        </tr>
        <tr>
          <th scope="row">
            <code>OAuth20IdentityServerClientId</code>
          </th>
          <td>
            <Value value={settings.clientId} />
          </td>
        </tr>
        <tr>
          <th scope="row">
            <code>OAuth20IdentityServerClientSecret</code>
          </th>
          <td>
            {secret === "not-set" ? <span className="empty-value">Not set</span> : SECRET_TEXT[secret]}
            <span className="hint">
              {" "}
              {secret === "unknown"
                ? "(Creatio never sends the secret back; the health check proves it.)"
                : "(Creatio never sends the value back.)"}
            </span>
          </td>
        </tr>
      </tbody>
    </table>
  );
}
