"use client";

import { useEffect, useId, useRef, useState } from "react";
import { ImageIcon, UploadIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

/** One-inch portrait: 295×413 px. */
const RATIO = 295 / 413;
const MAX_BYTES = 10 * 1024 * 1024;
const MIN_SIZE = 0.3;

type Crop = { x: number; y: number; width: number; height: number };
type Box = { cx: number; cy: number; size: number }; // centre (fractions) and size (share of the largest box)

export type PhotoFieldProps = {
  /** The stored photo's id, or "" when none yet. */
  value: string;
  onChange: (fileId: string) => void;
  /** Where the stored photo is shown from; defaults to /api/photos/<id>. */
  photoUrl?: (fileId: string) => string;
  uploadUrl?: string;
  invalid?: boolean;
  describedBy?: string;
  id?: string;
};

const defaultUrl = (id: string) => `/api/photos/${id}`;

/** The largest 295:413 box that fits an image of this aspect, as fractions of its width and height. */
function maxBox(natural: { w: number; h: number }) {
  const aspect = natural.w / natural.h;
  return aspect > RATIO ? { w: RATIO / aspect, h: 1 } : { w: 1, h: aspect / RATIO };
}

function toCrop(box: Box, natural: { w: number; h: number }): Crop {
  const m = maxBox(natural);
  const width = m.w * box.size;
  const height = m.h * box.size;
  const x = Math.min(Math.max(0, box.cx - width / 2), 1 - width);
  const y = Math.min(Math.max(0, box.cy - height / 2), 1 - height);
  return { x, y, width, height };
}

/**
 * 一寸照片: choose a JPG/PNG, the server returns the normalised 295×413 photo, shown at once; the user may move
 * and resize the crop box on the original (drag, arrow keys or the slider) and apply it. The crop travels as
 * fractions of the upright image, which is what the server's normaliser expects.
 */
export function PhotoField({ value, onChange, photoUrl = defaultUrl, uploadUrl = "/api/photos", invalid, describedBy, id }: PhotoFieldProps) {
  const autoId = useId();
  const inputId = id ?? `photo-${autoId}`;
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState<string | null>(null);
  const [natural, setNatural] = useState<{ w: number; h: number } | null>(null);
  const [box, setBox] = useState<Box>({ cx: 0.5, cy: 0.5, size: 1 });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string } | null>(null);
  const [dirtyCrop, setDirtyCrop] = useState(false);
  const frame = useRef<HTMLDivElement>(null);
  const drag = useRef<{ px: number; py: number; cx: number; cy: number } | null>(null);

  useEffect(() => () => {
    if (source) URL.revokeObjectURL(source);
  }, [source]);

  async function upload(f: File, crop?: Crop) {
    setBusy(true);
    setMessage({ tone: "info", text: "正在处理照片…" });
    try {
      const body = new FormData();
      body.set("file", f);
      if (crop) body.set("crop", JSON.stringify(crop));
      const res = await fetch(uploadUrl, { method: "POST", body });
      const data = (await res.json().catch(() => null)) as { ok: boolean; fileId?: string; error?: string } | null;
      if (!data?.ok || !data.fileId) {
        setMessage({ tone: "error", text: data?.error ?? "照片上传失败，请稍后重试" });
        return;
      }
      onChange(data.fileId);
      setDirtyCrop(false);
      setMessage({ tone: "info", text: crop ? "已按选定区域生成照片。" : "照片已生成。如需调整，请在左侧原图上移动或缩放选框，然后点击【应用裁剪】。" });
    } catch {
      setMessage({ tone: "error", text: "照片上传失败，请检查网络后重试" });
    } finally {
      setBusy(false);
    }
  }

  function choose(f: File | undefined) {
    if (!f) return;
    if (f.size > MAX_BYTES) {
      setMessage({ tone: "error", text: "照片文件不能超过 10 MB" });
      return;
    }
    if (source) URL.revokeObjectURL(source);
    setFile(f);
    setNatural(null);
    setBox({ cx: 0.5, cy: 0.5, size: 1 });
    // Non-images still go to the server, which gives the one authoritative refusal message.
    setSource(/^image\/(jpeg|png)$/.test(f.type) ? URL.createObjectURL(f) : null);
    void upload(f);
  }

  function move(dx: number, dy: number) {
    setBox((b) => {
      if (!natural) return b;
      const m = maxBox(natural);
      const hw = (m.w * b.size) / 2;
      const hh = (m.h * b.size) / 2;
      return { ...b, cx: Math.min(1 - hw, Math.max(hw, b.cx + dx)), cy: Math.min(1 - hh, Math.max(hh, b.cy + dy)) };
    });
    setDirtyCrop(true);
  }

  function onPointerDown(e: React.PointerEvent<HTMLDivElement>) {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { px: e.clientX, py: e.clientY, cx: box.cx, cy: box.cy };
  }
  function onPointerMove(e: React.PointerEvent<HTMLDivElement>) {
    const d = drag.current;
    const rect = frame.current?.getBoundingClientRect();
    if (!d || !rect || !natural) return;
    const m = maxBox(natural);
    const hw = (m.w * box.size) / 2;
    const hh = (m.h * box.size) / 2;
    const cx = Math.min(1 - hw, Math.max(hw, d.cx + (e.clientX - d.px) / rect.width));
    const cy = Math.min(1 - hh, Math.max(hh, d.cy + (e.clientY - d.py) / rect.height));
    setBox((b) => ({ ...b, cx, cy }));
    setDirtyCrop(true);
  }
  function onKeyDown(e: React.KeyboardEvent<HTMLDivElement>) {
    const step = e.shiftKey ? 0.05 : 0.01;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const mv = moves[e.key];
    if (!mv) return;
    e.preventDefault();
    move(mv[0], mv[1]);
  }

  const crop = natural ? toCrop(box, natural) : null;

  return (
    <div className="grid gap-3" data-slot="photo-field">
      <div className="flex flex-wrap items-start gap-4">
        {source ? (
          <div className="grid gap-2">
            <p className="text-sm text-muted-foreground">原图（选框内为照片区域）</p>
            <div ref={frame} className="relative w-56 touch-none select-none overflow-hidden rounded-md border bg-muted sm:w-64">
              {/* eslint-disable-next-line @next/next/no-img-element -- a local object URL, not an optimisable asset */}
              <img
                src={source}
                alt="所选照片原图"
                className="block w-full"
                onLoad={(e) => setNatural({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })}
                draggable={false}
              />
              {crop ? (
                <div
                  role="group"
                  tabIndex={0}
                  aria-label="裁剪选框：拖动或用方向键移动"
                  onPointerDown={onPointerDown}
                  onPointerMove={onPointerMove}
                  onPointerUp={() => (drag.current = null)}
                  onPointerCancel={() => (drag.current = null)}
                  onKeyDown={onKeyDown}
                  className="absolute cursor-move border-2 border-white outline-none ring-1 ring-black/60 focus-visible:ring-[3px] focus-visible:ring-ring"
                  style={{
                    left: `${crop.x * 100}%`,
                    top: `${crop.y * 100}%`,
                    width: `${crop.width * 100}%`,
                    height: `${crop.height * 100}%`,
                    boxShadow: "0 0 0 9999px rgba(0,0,0,0.45)",
                  }}
                />
              ) : null}
            </div>
            {crop ? (
              <label className="grid gap-1 text-sm">
                <span>选框大小</span>
                <input
                  type="range"
                  min={MIN_SIZE * 100}
                  max={100}
                  value={Math.round(box.size * 100)}
                  onChange={(e) => {
                    const size = Number(e.target.value) / 100;
                    setBox((b) => ({ ...b, size }));
                    setDirtyCrop(true);
                  }}
                  className="w-56 accent-primary sm:w-64"
                />
              </label>
            ) : null}
          </div>
        ) : null}

        <div className="grid gap-2">
          <p className="text-sm text-muted-foreground">生成的一寸照片（295×413）</p>
          <div
            className={cn(
              "flex h-[177px] w-[126px] items-center justify-center overflow-hidden rounded-md border bg-muted",
              invalid && "border-destructive",
            )}
          >
            {value ? (
              // eslint-disable-next-line @next/next/no-img-element -- a private photo behind a session check
              <img src={photoUrl(value)} alt="生成的一寸照片" width={126} height={177} className="size-full object-cover" />
            ) : (
              <ImageIcon aria-hidden="true" className="size-8 text-muted-foreground" />
            )}
          </div>
        </div>
      </div>

      <div className="flex flex-wrap items-center gap-2">
        <input
          id={inputId}
          type="file"
          accept="image/jpeg,image/png"
          className="sr-only"
          // Reached through the button below: an invisible second tab stop would show no focus.
          tabIndex={-1}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(e) => {
            choose(e.target.files?.[0]);
            e.target.value = "";
          }}
          disabled={busy}
        />
        <Button type="button" variant="outline" disabled={busy} aria-invalid={invalid || undefined} aria-describedby={describedBy} onClick={() => document.getElementById(inputId)?.click()}>
          <UploadIcon aria-hidden="true" />
          {value ? "重新选择照片" : "选择照片"}
        </Button>
        {file && crop ? (
          <Button type="button" variant="secondary" disabled={busy || !dirtyCrop} onClick={() => upload(file, crop)}>
            应用裁剪
          </Button>
        ) : null}
      </div>
      <div role="status" aria-live="polite" className="text-sm">
        {message ? <p className={message.tone === "error" ? "text-destructive" : "text-muted-foreground"}>{message.text}</p> : null}
      </div>
    </div>
  );
}
