/**
 * 跳到主要内容: the first tab stop of every page, shown when focused. Every page's <main id="main"> takes
 * focus (tabIndex -1), so keyboard and screen-reader users land in the content, past the header and menu.
 */
export function SkipLink() {
  return (
    <a
      href="#main"
      className="sr-only rounded-md bg-background text-sm font-medium text-foreground shadow-lg ring-[3px] ring-ring/70 focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-[60] focus:px-4 focus:py-2"
    >
      跳到主要内容
    </a>
  );
}
