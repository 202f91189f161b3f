"use client";
import { useEffect, useRef } from "react";
import { Icon } from "./Icon";

/**
 * Work in progress, announced politely (role status). Render it only while pending. It takes the
 * focus when it appears, because the button that started the work is disabled meanwhile.
 */
export function Progress({ children }: { children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="progress" role="status" tabIndex={-1} ref={ref}>
      <Icon name="spinner" />
      <span>{children}</span>
    </div>
  );
}
