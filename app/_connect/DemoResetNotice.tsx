"use client";
import { useEffect, useRef } from "react";
import { Icon } from "@/components/Icon";

/** On the connect page after "Reset demo": says what the reset did. Takes the focus so it is read out. */
export function DemoResetNotice({ title }: { title: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="alert alert-success" role="status" tabIndex={-1} ref={ref}>
      <p className="alert-title">
        <Icon name="check" />
        <strong>Demo reset</strong>
      </p>
      <p>
        This browser&apos;s demo Creatio is back at the start of the scenario &quot;{title}&quot;, and the
        wizard has forgotten what it did there. Press Connect to start again: the demo administrator is filled
        in.
      </p>
    </div>
  );
}
