"use client";

import { useRef } from "react";

/**
 * Radix dialogs give focus back to their <Trigger> on close; many of ours open from a plain button holding
 * `open` state (no Trigger), and focus then fell to <body>. These handlers remember what had focus when the
 * dialog opened and return focus there on close (WCAG 2.4.3), unless the caller's own handler decided otherwise.
 */
export function useReturnFocus(onOpenAutoFocus?: (e: Event) => void, onCloseAutoFocus?: (e: Event) => void) {
  const opener = useRef<HTMLElement | null>(null);
  return {
    onOpenAutoFocus(e: Event) {
      const el = document.activeElement;
      opener.current = el instanceof HTMLElement && el !== document.body ? el : null;
      onOpenAutoFocus?.(e);
    },
    onCloseAutoFocus(e: Event) {
      onCloseAutoFocus?.(e);
      const el = opener.current;
      opener.current = null;
      if (e.defaultPrevented || !el?.isConnected) return;
      e.preventDefault();
      el.focus();
    },
  };
}
