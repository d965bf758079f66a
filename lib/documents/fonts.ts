import "server-only";

import { existsSync } from "node:fs";
import path from "node:path";

import { Font } from "@react-pdf/renderer";

export const PDF_FONT_FAMILY = "Noto Sans SC";

/**
 * Noto Sans JP, only for what Noto Sans SC lacks: Google's build of Noto Sans SC stops at the BMP, so a name
 * with a character of CJK Extension B such as 𠮷 (U+20BB7) printed as nothing. The JP build carries the
 * Extension B characters of JIS X 0213 (𠮷, 𡈽 …); react-pdf takes each character from the first family
 * that has it, so everything else still comes from Noto Sans SC.
 */
export const PDF_FONT_FAMILY_EXTRA = "Noto Sans JP";
/** The fontFamily of every PDF: Noto Sans SC, then Noto Sans JP for the characters SC lacks. */
export const PDF_FONTS = [PDF_FONT_FAMILY, PDF_FONT_FAMILY_EXTRA];

const FONT_PACKAGE = "@expo-google-fonts/noto-sans-sc";
const FONT_FILES = {
  400: "400Regular/NotoSansSC_400Regular.ttf",
  700: "700Bold/NotoSansSC_700Bold.ttf",
} as const;
const EXTRA_PACKAGE = "@expo-google-fonts/noto-sans-jp";
const EXTRA_FILES = {
  400: "400Regular/NotoSansJP_400Regular.ttf",
  700: "700Bold/NotoSansJP_700Bold.ttf",
} as const;

/** CJK punctuation, ideographs and full-width forms: the ranges that must be allowed to break anywhere. */
const CJK_RE = /[\u3000-\u9fff\uff00-\uffef]/;

let registered = false;

/**
 * Finds the TTF on disk. The app, tests and scripts all run from the project root. (A require.resolve here
 * would make Turbopack try to bundle every font file of the package.)
 */
function fontPath(file: string, pkg = FONT_PACKAGE): string {
  const p = path.join(process.cwd(), "node_modules", pkg, file);
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
  Font.register({
    family: PDF_FONT_FAMILY_EXTRA,
    fonts: [
      { src: fontPath(EXTRA_FILES[400], EXTRA_PACKAGE), fontWeight: 400 },
      { src: fontPath(EXTRA_FILES[700], EXTRA_PACKAGE), fontWeight: 700 },
    ],
  });
  // react-pdf only breaks lines at spaces, so a long Chinese address would overflow its cell; splitting CJK
  // words into single characters with empty hyphens lets them wrap anywhere, as Chinese typesetting does.
  Font.registerHyphenationCallback((word) =>
    CJK_RE.test(word) ? Array.from(word).flatMap((c) => [c, ""]) : [word],
  );
  registered = true;
}

/** Distinct runs of text remembered per font: a ticket has ~40, a plan's tickets share most of them. */
const SHAPING_MEMO_SIZE = 4_000;
const MEMOIZED = Symbol("kaowu.shapingMemo");

type DecodedGlyph = { _decode: () => unknown; [MEMOIZED]?: true };
type ShapingFont = { layout: (...args: unknown[]) => unknown; getGlyph: (...args: unknown[]) => DecodedGlyph; [MEMOIZED]?: true };

/**
 * ensurePdfFonts, then both weights loaded, with what fontkit works out per document remembered across documents:
 * - shaping: react-pdf shapes every run of text of every document again (GSUB/GPOS lookups, ~20% of a ticket's
 *   render), though the labels, notes and issuer of one plan's tickets are the same strings each time. fontkit's
 *   result depends on the string and the layout arguments alone, and react-pdf only reads it (it copies the
 *   positions before scaling or justifying them, and the glyph array before drawing), so a run can be reused;
 * - each glyph's decoded outline: every PDF embeds a subset of the font, and fontkit's subsetter decodes each
 *   glyph's whole outline again only to see whether it is composite (~8% of a ticket). The font's glyph objects
 *   are already kept for the process by fontkit; the outline it decodes is read, never changed.
 */
export async function loadPdfFonts(): Promise<void> {
  ensurePdfFonts();
  for (const fontWeight of [400, 700] as const) {
    await Font.load({ fontFamily: PDF_FONT_FAMILY, fontWeight });
    const source = Font.getFont({ fontFamily: PDF_FONT_FAMILY, fontWeight }) as { data?: ShapingFont | null } | undefined;
    const font = source?.data;
    if (font && typeof font.layout === "function" && typeof font.getGlyph === "function" && !font[MEMOIZED]) rememberAcrossDocuments(font);
  }
}

function rememberAcrossDocuments(font: ShapingFont): void {
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (...args: unknown[]) => {
    const glyph = getGlyph(...args);
    if (!glyph[MEMOIZED] && typeof glyph._decode === "function") {
      const decode = glyph._decode.bind(glyph);
      let decoded: { value: unknown } | null = null;
      glyph._decode = () => (decoded ??= { value: decode() }).value;
      glyph[MEMOIZED] = true;
    }
    return glyph;
  };

  const layout = font.layout.bind(font);
  const memo = new Map<string, unknown>();
  font.layout = (...args: unknown[]) => {
    // The string, features, script, language and direction: everything fontkit's layout reads.
    const key = JSON.stringify(args);
    let run = memo.get(key);
    if (run === undefined) {
      run = layout(...args);
      if (memo.size >= SHAPING_MEMO_SIZE) memo.delete(memo.keys().next().value as string);
      memo.set(key, run);
    }
    return run;
  };
  font[MEMOIZED] = true;
}
