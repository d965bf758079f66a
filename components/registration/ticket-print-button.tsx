"use client";

import { useState } from "react";
import { FileTextIcon, PrinterIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";

/** 打印: asks whether to print the ticket as Word or PDF, as the manual describes, then downloads that file. */
export function TicketPrintButton({ href }: { href: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button type="button">
          <PrinterIcon aria-hidden="true" />
          打印
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-md">
        <DialogHeader>
          <DialogTitle>选择打印格式</DialogTitle>
          <DialogDescription>下载后用 PDF 阅读器或 Word 打开并打印（A4 纸）。</DialogDescription>
        </DialogHeader>
        <div className="grid gap-2 sm:grid-cols-2">
          <Button asChild variant="outline" onClick={() => setOpen(false)}>
            <a href={`${href}?format=pdf`} download>
              <FileTextIcon aria-hidden="true" />
              PDF 格式
            </a>
          </Button>
          <Button asChild variant="outline" onClick={() => setOpen(false)}>
            <a href={`${href}?format=docx`} download>
              <FileTextIcon aria-hidden="true" />
              Word 格式
            </a>
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
