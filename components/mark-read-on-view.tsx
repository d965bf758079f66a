"use client";

import { useEffect, useRef } from "react";

/**
 * Marks the messages on screen read once the page has been shown. A server action after the first paint,
 * not a write while rendering: the shell's bell is rendered beside the page and would still count them, and the
 * action's revalidation brings the new count back with it.
 */
export function MarkReadOnView({ ids, action }: { ids: number[]; action: (ids: number[]) => Promise<void> }) {
  const sent = useRef("");
  const key = ids.join(",");
  useEffect(() => {
    if (!key || sent.current === key) return;
    sent.current = key;
    void action(key.split(",").map(Number));
  }, [key, action]);
  return null;
}
