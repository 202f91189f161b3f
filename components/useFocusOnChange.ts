"use client";
import { type RefObject, useEffect } from "react";

/** Move focus to `ref` whenever `key` changes to a non-null value (a new result or error appeared). */
export function useFocusOnChange(ref: RefObject<HTMLElement | null>, key: unknown) {
  useEffect(() => {
    if (key !== null && key !== undefined) ref.current?.focus();
  }, [ref, key]);
}
