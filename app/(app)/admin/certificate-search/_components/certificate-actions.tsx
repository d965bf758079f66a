"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormMessage } from "@/components/form-message";
import { ReasonDialog } from "../../_components/reason-dialog";
import { reinstateCertificateAction, revokeCertificateAction } from "../actions";

/** 注销 (with a reason class and a reason) or 恢复 the current version, each after a confirmation. */
export function CertificateActions({
  certificateId,
  certificateNo,
  revoked,
  reasonClasses,
}: {
  certificateId: number;
  certificateNo: string;
  revoked: boolean;
  reasonClasses: { value: string; label: string }[];
}) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const done = (m: string) => {
    setMessage(m);
    router.refresh();
  };
  return (
    <div className="grid [&>*]:min-w-0 gap-2">
      <div className="flex flex-wrap gap-2">
        {revoked ? (
          <ReasonDialog
            label="恢复"
            title={`恢复证书 ${certificateNo}？`}
            description="恢复后证书重新有效，核验页面即时显示；请填写恢复原因，记入操作日志。"
            reasonLabel="恢复原因"
            run={({ reason }) => reinstateCertificateAction({ certificateId, reason })}
            onDone={done}
          />
        ) : (
          <ReasonDialog
            label="注销"
            variant="destructive"
            title={`注销证书 ${certificateNo}？`}
            description="注销后核验页面即时显示已注销，证书不能再下载打印；持证人会收到通知。"
            reasonClasses={{ label: "注销类别", options: reasonClasses }}
            reasonLabel="注销原因"
            confirmLabel="确定注销"
            run={({ reason, reasonClass }) => revokeCertificateAction({ certificateId, reason, reasonClass: reasonClass as "other" })}
            onDone={done}
          />
        )}
      </div>
      <FormMessage message={message} tone="success" />
    </div>
  );
}
