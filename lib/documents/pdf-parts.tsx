import "server-only";

import type { ReactNode } from "react";
import { Image, StyleSheet, Text, View } from "@react-pdf/renderer";
import type { Styles } from "@react-pdf/renderer";

import { sniffImageType } from "@/lib/photos/sniff";

import { PDF_FONTS } from "./fonts";

export type Style = Styles[string];

// Borders are always written as strings: react-pdf silently draws nothing for numeric shorthands (borderTop: 1).
export const LINE = "0.75pt solid #1f2937";
export const FRAME = "1.2pt solid #111827";

/** One inch photo: 25×35 mm in points. */
export const PHOTO_W = (25 / 25.4) * 72;
export const PHOTO_H = (35 / 25.4) * 72;

export const base = StyleSheet.create({
  page: {
    fontFamily: PDF_FONTS,
    fontSize: 10.5,
    color: "#111827",
    paddingTop: 40,
    paddingBottom: 40,
    paddingHorizontal: 44,
    lineHeight: 1.35,
  },
  table: { border: FRAME },
  row: { flexDirection: "row", minHeight: 26 },
  rowLine: { borderBottom: LINE },
  cell: { paddingVertical: 4, paddingHorizontal: 6, justifyContent: "center" },
  cellLine: { borderRight: LINE },
  label: { backgroundColor: "#f3f4f6", fontWeight: 700, fontSize: 10 },
  labelText: { textAlign: "center" },
  value: { flexGrow: 1, flexBasis: 0 },
  valueText: { fontSize: 11, lineHeight: 1.35 },
    photoCell: { width: 96, alignItems: "center", justifyContent: "center", padding: 4, borderLeft: LINE },
  photo: { width: PHOTO_W, height: PHOTO_H, objectFit: "cover" },
  photoPlaceholder: {
    width: PHOTO_W,
    height: PHOTO_H,
    border: "0.75pt dashed #9ca3af",
    alignItems: "center",
    justifyContent: "center",
  },
});

/**
 * Photos should already be normalised JPEGs; sniffing keeps a stray PNG (or garbage) from aborting the whole
 * render with a decoder error, falling back to the empty photo box instead.
 */
export function imageSource(buf: Buffer | null): Buffer | null {
  // The bare Buffer, not { data, format }: for that form react-pdf keys its image caches by the bytes as a
  // UTF-8 string (and a 30-entry process-wide cache by their base64), which cost ~5% of a ticket's render, kept
  // recent photos in memory, and could let two JPEGs that differ only in bytes invalid as UTF-8 share a key.
  if (!buf) return null;
  const type = sniffImageType(buf);
  return type === "jpeg" || type === "png" ? buf : null;
}

export function PhotoBox({ photo, style }: { photo: Buffer | null; style?: Style }) {
  const src = imageSource(photo);
  return src ? (
    // eslint-disable-next-line jsx-a11y/alt-text -- react-pdf Image has no alt; the PDF is not an HTML page
    <Image src={src} style={style ? [base.photo, style] : base.photo} />
  ) : (
    <View style={style ? [base.photoPlaceholder, style] : base.photoPlaceholder}>
      <Text style={{ color: "#9ca3af", fontSize: 12 }}>照片</Text>
    </View>
  );
}

export function Row({ children, last, style }: { children: ReactNode; last?: boolean; style?: Style }) {
  return <View style={[base.row, last ? {} : base.rowLine, style ?? {}]}>{children}</View>;
}

export function LabelCell({ children, width = 78, last }: { children: ReactNode; width?: number; last?: boolean }) {
  return (
    <View style={[base.cell, base.label, { width }, last ? {} : base.cellLine]}>
      <Text style={base.labelText}>{children}</Text>
    </View>
  );
}

export function ValueCell({
  children,
  last,
  grow = 1,
  style,
}: {
  children: ReactNode;
  last?: boolean;
  grow?: number;
  style?: Style;
}) {
  return (
    <View style={[base.cell, base.value, { flexGrow: grow }, last ? {} : base.cellLine, style ?? {}]}>
      {typeof children === "string" || typeof children === "number" ? (
        <Text style={base.valueText}>{children}</Text>
      ) : (
        children
      )}
    </View>
  );
}

/** A label and its value as one row of a two-column table. */
export function FieldRow({ label, value, last, labelWidth }: { label: string; value: ReactNode; last?: boolean; labelWidth?: number }) {
  return (
    <Row last={last}>
      <LabelCell width={labelWidth}>{label}</LabelCell>
      <ValueCell last>{value}</ValueCell>
    </Row>
  );
}

/** Two label/value pairs side by side, for short values such as date and time. */
export function PairRow({
  pairs,
  last,
  labelWidth,
}: {
  pairs: [[string, ReactNode], [string, ReactNode]];
  last?: boolean;
  labelWidth?: number;
}) {
  const [[l1, v1], [l2, v2]] = pairs;
  return (
    <Row last={last}>
      <LabelCell width={labelWidth}>{l1}</LabelCell>
      <ValueCell>{v1}</ValueCell>
      <LabelCell width={labelWidth}>{l2}</LabelCell>
      <ValueCell last>{v2}</ValueCell>
    </Row>
  );
}

/** Keeps the caller's line breaks in free text such as 考生须知, while each line still wraps on its own. */
export function Paragraphs({ text, style }: { text: string; style?: Style }) {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  return (
    <View>
      {lines.map((line, i) => (
        // Index keys are fine: the list is rendered once and never reordered.
        <Text key={i} style={style ?? {}}>
          {line.length > 0 ? line : " "}
        </Text>
      ))}
    </View>
  );
}
