"use client";
import { useId, useRef, useState } from "react";

/**
 * "Copy summary": the three lines for a support ticket (instance, verdict, first fix) to the clipboard,
 * with a confirmation in a status region. When the browser refuses the clipboard, the lines are shown
 * selected in a read-only text box to copy by hand.
 */
export function CopySummary({ summary }: { summary: string }) {
  const [state, setState] = useState<"idle" | "copied" | "denied">("idle");
  const boxRef = useRef<HTMLTextAreaElement>(null);
  const boxId = useId();

  const copy = async () => {
    try {
      if (!navigator.clipboard?.writeText) throw new Error("no clipboard");
      await navigator.clipboard.writeText(summary);
      setState("copied");
    } catch {
      setState("denied");
      // After the box renders: select its text so that Ctrl+C copies it.
      requestAnimationFrame(() => {
        boxRef.current?.focus();
        boxRef.current?.select();
      });
    }
  };

  return (
    <div>
      <p>
        <button type="button" className="secondary" onClick={copy}>
          Copy summary
        </button>{" "}
        <span className="hint">Three lines for a support ticket: instance, verdict, first fix.</span>
      </p>
      <p role="status">
        {state === "copied"
          ? "Summary copied to the clipboard."
          : state === "denied"
            ? "The browser did not allow copying. The summary is selected below: press Ctrl+C (or ⌘C) to copy it."
            : ""}
      </p>
      {state === "denied" ? (
        <>
          <label htmlFor={boxId}>Summary for a ticket</label>
          <textarea
            id={boxId}
            ref={boxRef}
            readOnly
            rows={6}
            value={summary}
            style={{ width: "100%", fontFamily: "var(--mono)", fontSize: "0.85rem" }}
          />
        </>
      ) : null}
    </div>
  );
}
