"use client";

import { useEffect, useRef } from "react";
import { usePathname } from "next/navigation";

/**
 * 跳到主要内容: the first tab stop of every page, shown when focused. Every page's <main id="main"> takes
 * focus (tabIndex -1), so keyboard and screen-reader users land in the content, past the header and menu.
 *
 * A client-side navigation keeps the old focus (often the menu link just followed), so on each new path focus
 * goes back to the start of the document, as a page load would: the next Tab reaches this link again.
 */
const START_ID = "page-start";

/** Puts focus at the start of the document, as a page load does (the next Tab reaches 跳到主要内容). */
export function focusPageStart() {
  document.getElementById(START_ID)?.focus({ preventScroll: true });
}

export function SkipLink() {
  const pathname = usePathname();
  const start = useRef<HTMLDivElement>(null);
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (shown.current !== null && shown.current !== pathname) start.current?.focus({ preventScroll: true });
    shown.current = pathname;
  }, [pathname]);
  return (
    <>
      <div ref={start} id={START_ID} tabIndex={-1} className="outline-none" />
      <a
        href="#main"
        className="sr-only rounded-md bg-background text-sm font-medium text-foreground shadow-lg ring-[3px] ring-ring/70 focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-[60] focus:px-4 focus:py-2"
      >
        跳到主要内容
      </a>
    </>
  );
}
