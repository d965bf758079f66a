import "server-only";

import { existsSync } from "node:fs";
import path from "node:path";

import { Font } from "@react-pdf/renderer";

export const PDF_FONT_FAMILY = "Noto Sans SC";

const FONT_PACKAGE = "@expo-google-fonts/noto-sans-sc";
const FONT_FILES = {
  400: "400Regular/NotoSansSC_400Regular.ttf",
  700: "700Bold/NotoSansSC_700Bold.ttf",
} as const;

/** CJK punctuation, ideographs and full-width forms: the ranges that must be allowed to break anywhere. */
const CJK_RE = /[\u3000-\u9fff\uff00-\uffef]/;

let registered = false;

/**
 * Finds the TTF on disk. The app, tests and scripts all run from the project root. (A require.resolve here
 * would make Turbopack try to bundle every font file of the package.)
 */
function fontPath(file: string): string {
  const p = path.join(process.env.PDF_FONT_DIR ?? path.join(process.cwd(), "node_modules", FONT_PACKAGE), file);
  if (existsSync(p)) return p;
  throw new Error(`PDF font not found: ${p}`);
}

/**
 * Registers Noto Sans SC once per process. TTF only: react-pdf decodes WOFF/WOFF2 so slowly that a ticket
 * takes minutes. Only the glyphs used end up embedded, so the 10 MB fonts cost ~45 KB per PDF.
 */
export function ensurePdfFonts(): void {
  if (registered) return;
  Font.register({
    family: PDF_FONT_FAMILY,
    fonts: [
      { src: fontPath(FONT_FILES[400]), fontWeight: 400 },
      { src: fontPath(FONT_FILES[700]), fontWeight: 700 },
    ],
  });
  // react-pdf only breaks lines at spaces, so a long Chinese address would overflow its cell; splitting CJK
  // words into single characters with empty hyphens lets them wrap anywhere, as Chinese typesetting does.
  Font.registerHyphenationCallback((word) =>
    CJK_RE.test(word) ? Array.from(word).flatMap((c) => [c, ""]) : [word],
  );
  registered = true;
}
