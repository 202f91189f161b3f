import type { InputHTMLAttributes, Ref } from "react";
import { Icon } from "./Icon";

/** A labelled input with an optional hint and error, wired with aria-describedby and aria-invalid. */
export function Field({
  id,
  label,
  hint,
  error,
  inputRef,
  ...input
}: {
  id: string;
  label: string;
  hint?: React.ReactNode;
  error?: string;
  inputRef?: Ref<HTMLInputElement>;
} & InputHTMLAttributes<HTMLInputElement>) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        ref={inputRef}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        spellCheck={false}
        {...input}
      />
      {error ? (
        <p className="field-error" id={errorId}>
          <Icon name="cross" />
          <span>{error}</span>
        </p>
      ) : null}
    </div>
  );
}
