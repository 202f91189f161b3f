"use client";
import { useId, useState } from "react";
import { ErrorAlert } from "@/components/ErrorAlert";
import { parseIdentityAppSettings, pickSystemClient } from "@/lib/contract/appsettings";
import { isWizardError } from "@/lib/errors";
import type { ActionError } from "@/lib/wizard/result";

/**
 * "Paste appsettings.json": fills Client ID and Client secret from the Identity Service's file.
 * Parsed in the browser; nothing is sent until the operator saves.
 */
export function AppSettingsPaste({ onFill }: { onFill: (clientId: string, clientSecret: string) => void }) {
  const id = useId();
  const [text, setText] = useState("");
  const [error, setError] = useState<{ n: number; error: ActionError } | null>(null);
  const [filled, setFilled] = useState<string | null>(null);

  const fill = () => {
    setFilled(null);
    try {
      const { clients } = parseIdentityAppSettings(text);
      const client = pickSystemClient(clients);
      if (!client) {
        setError((e) => ({
          n: (e?.n ?? 0) + 1,
          error: {
            code: "appsettings:invalid",
            message: "The clients in this appsettings.json have no Secrets.",
            fix: "Check the Secrets of the system client in the Identity Service's appsettings.json, or type the client ID and secret yourself.",
            calls: [],
          },
        }));
        return;
      }
      const [secret] = client.secrets;
      onFill(client.clientId, secret ?? "");
      setError(null);
      setText("");
      const others = clients.filter((c) => c !== client).map((c) => c.clientId);
      setFilled(
        `Filled Client ID (${client.clientId}) and Client secret from appsettings.json.` +
          (others.length > 0 ? ` Other clients in the file: ${others.join(", ")}.` : ""),
      );
    } catch (e) {
      const err: ActionError = isWizardError(e)
        ? e.toUserFacing()
        : {
            code: "appsettings:invalid",
            message: "This is not a valid appsettings.json.",
            fix: "Paste the whole content of the Identity Service's appsettings.json file, or type the client ID and secret yourself.",
            calls: [],
          };
      setError((prev) => ({ n: (prev?.n ?? 0) + 1, error: err }));
    }
  };

  return (
    <details className="helper">
      <summary>Paste appsettings.json</summary>
      <div className="field">
        <label htmlFor={`${id}-text`}>Content of appsettings.json</label>
        <p className="hint" id={`${id}-hint`}>
          Open appsettings.json in the Identity Service&apos;s folder and paste all of it. Only the client ID
          and secret are used, in this browser; the text is not sent anywhere.
        </p>
        <textarea
          id={`${id}-text`}
          aria-describedby={`${id}-hint`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          spellCheck={false}
          autoComplete="off"
        />
      </div>
      <div className="actions">
        <button type="button" className="secondary" onClick={fill}>
          Fill client ID and secret
        </button>
      </div>
      <p className="hint" aria-live="polite">
        {filled}
      </p>
      {error ? <ErrorAlert key={error.n} error={error.error} title="Not filled" focus /> : null}
    </details>
  );
}
