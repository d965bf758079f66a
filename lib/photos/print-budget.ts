/**
 * A normalised one-inch photo (295×413, 300 dpi at 25×35 mm) is stored at quality 88 when that is at most this
 * big; a heavier one (a grainy or busy picture, up to ~70 KB at quality 88) is stored at PHOTO_PRINT_QUALITY
 * instead, the quality a ticket prints it at. A ticket then embeds the stored photo as it is (near 60 KB with the
 * font subsets) without re-encoding it on every print; photos stored before this rule are re-encoded when
 * printed (printPhoto in lib/documents/ticket-pdf.tsx).
 */
export const PHOTO_PRINT_BUDGET = 28 * 1024;
export const PHOTO_PRINT_QUALITY = 60;
