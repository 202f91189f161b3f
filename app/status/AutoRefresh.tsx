"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { Icon } from "@/components/Icon";
import styles from "./refresh.module.css";

/** hh:mm:ss in the browser's time zone. */
function clock(iso: string): string {
  return new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/**
 * Re-reads the page from the server on a visible interval (the page's checks only read from Creatio).
 * Never moves focus and never unmounts its buttons; a polite live region says when a new result is in.
 * While the tab is hidden it waits, and checks as soon as the tab shows again.
 */
export function AutoRefresh({
  checkedAt,
  summary,
  intervalSeconds = 60,
}: {
  /** When the shown result was checked (ISO). */
  checkedAt: string;
  /** One short sentence about the result, read out after each new check. */
  summary: string;
  intervalSeconds?: number;
}) {
  const router = useRouter();
  const [paused, setPaused] = useState(false);
  const [pending, startTransition] = useTransition();
  const [attempt, setAttempt] = useState(0);
  const [announcement, setAnnouncement] = useState("");
  const shown = useRef(checkedAt);
  const due = useRef(false);

  const refresh = () => {
    due.current = false;
    setAttempt((n) => n + 1);
    startTransition(() => router.refresh());
  };
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;

  // A new result arrived (after our refresh or any other): say so, politely.
  useEffect(() => {
    if (shown.current === checkedAt) return;
    shown.current = checkedAt;
    setAnnouncement(`Checked again at ${clock(checkedAt)}. ${summary}`);
  }, [checkedAt, summary]);

  // The next check, counted from the last result or the last attempt (so a failed refresh retries).
  // biome-ignore lint/correctness/useExhaustiveDependencies: checkedAt and attempt restart the countdown on purpose.
  useEffect(() => {
    if (paused) return;
    const timer = setTimeout(() => {
      if (document.hidden) due.current = true;
      else refreshRef.current();
    }, intervalSeconds * 1000);
    return () => clearTimeout(timer);
  }, [paused, checkedAt, attempt, intervalSeconds]);

  useEffect(() => {
    const onVisible = () => {
      if (!document.hidden && due.current && !paused) refreshRef.current();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [paused]);

  return (
    <div className={styles.bar}>
      <p className={styles.text}>
        Last checked{" "}
        <time dateTime={checkedAt} suppressHydrationWarning>
          {clock(checkedAt)}
        </time>
        .{" "}
        {pending ? (
          <span className={styles.pending}>
            <Icon name="spinner" /> Checking again…
          </span>
        ) : paused ? (
          "Automatic checks are paused."
        ) : (
          `Checks again every ${intervalSeconds} seconds.`
        )}
      </p>
      <div className={styles.buttons}>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setPaused((p) => !p);
            due.current = false;
          }}
        >
          {paused ? "Resume automatic checks" : "Pause automatic checks"}
        </button>
        <button
          type="button"
          className="secondary"
          // aria-disabled rather than disabled: a focused button that becomes disabled drops the focus.
          aria-disabled={pending}
          onClick={() => {
            if (!pending) refresh();
          }}
        >
          Check now
        </button>
      </div>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
    </div>
  );
}
