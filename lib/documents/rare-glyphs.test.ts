import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { renderTicketPdf } from "./ticket-pdf";
import { sampleTicket } from "./sample-ticket";

// Names may hold characters outside the BMP (CJK Extension B). Noto Sans SC, the PDFs' font, has none of them,
// so they are taken from Noto Sans JP (lib/documents/fonts.ts); without it 𠮷 printed as nothing at all.

const TMP = mkdtempSync(path.join(os.tmpdir(), "rare-glyphs-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

function pdfTool(tool: "pdftotext" | "pdffonts", pdf: Buffer): string {
  const file = path.join(TMP, `${tool}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync(tool, tool === "pdftotext" ? ["-enc", "UTF-8", file, "-"] : [file], { encoding: "utf8" });
}

const ticket = sampleTicket({
  ticketNo: "2026000070001009",
  name: "𠮷野䶮㵘",
  // The plan's name is printed in bold: the bold weight needs the character too.
  planName: "2026年𠮷林市𡈽木工程岗位考试",
  verifyUrl: "https://kaowu.example.cn/verify/ticket/t9.AbCdEfGhIjKlMnOp",
});

describe("准考证上的生僻字（CJK 扩展 B）", () => {
  it("姓名中的𠮷和考试名称（粗体）中的𠮷、𡈽都印出字形，其余汉字仍用思源黑体简体", { timeout: 60_000 }, async () => {
    const pdf = await renderTicketPdf(ticket);
    const text = pdfTool("pdftotext", pdf).replace(/\s+/g, "");
    expect(text).toContain("姓名𠮷野䶮㵘");
    expect(text).toContain("2026年𠮷林市𡈽木工程岗位考试");
    const fonts = pdfTool("pdffonts", pdf);
    expect(fonts).toMatch(/NotoSansSC-Regular/);
    expect(fonts).toMatch(/NotoSansSC-Bold/);
    // Only those characters come from the JP font, in both weights.
    expect(fonts).toMatch(/NotoSansJP-Regular/);
    expect(fonts).toMatch(/NotoSansJP-Bold/);
  });
});
