"use client";

import { useState } from "react";
import { FileTextIcon, PrinterIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";

/** 打印: asks whether to print the ticket as Word or PDF, as the manual describes, then posts for that file (the
 * first one marks the ticket as printed). */
export function TicketPrintButton({ href }: { href: string }) {
  const [open, setOpen] = useState(false);
  // Closed after the browser has taken the submission (the file arrives as a download; the page stays).
  const close = () => setTimeout(() => setOpen(false), 0);
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
          <form method="post" action={`${href}?format=pdf`} onSubmit={close}>
            <Button type="submit" variant="outline" className="w-full">
              <FileTextIcon aria-hidden="true" />
              PDF 格式
            </Button>
          </form>
          <form method="post" action={`${href}?format=docx`} onSubmit={close}>
            <Button type="submit" variant="outline" className="w-full">
              <FileTextIcon aria-hidden="true" />
              Word 格式
            </Button>
          </form>
        </div>
      </DialogContent>
    </Dialog>
  );
}
