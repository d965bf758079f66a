import "server-only";

import QRCode from "qrcode";

// "M" survives a smudged print or a phone photo at an angle while keeping a verification URL at ~33x33 modules.
const QR_OPTIONS = { errorCorrectionLevel: "M", margin: 1, width: 300 } as const;

export async function qrPngBuffer(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...QR_OPTIONS, type: "png" });
}

export async function qrPngDataUrl(text: string): Promise<string> {
  return QRCode.toDataURL(text, { ...QR_OPTIONS, type: "image/png" });
}
