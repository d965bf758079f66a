"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormMessage } from "@/components/form-message";
import { ReasonDialog } from "../../_components/reason-dialog";
import { approveApplicationsAction, approveBatchAction, rejectApplicationsAction, rejectBatchAction } from "../actions";

/**
 * 审核通过 / 审核不通过 for the ticked applications (or one, on the detail page), and 整批审核通过 for a
 * 申请批号. The result stays on screen after the page refreshes.
 */
export function ReviewActions({
  ids,
  batchNo,
  onDone,
  what = "申请",
  buttons = true,
}: {
  ids: number[];
  batchNo?: string;
  onDone?: () => void;
  what?: string;
  /** False once decided: only the last result stays. */
  buttons?: boolean;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const done = (m: string) => {
    setMessage(m);
    onDone?.();
    router.refresh();
  };
  const n = ids.length > 1 ? `（${ids.length}）` : "";
  return (
    <div className="grid [&>*]:min-w-0 gap-2">
      <div className={buttons ? "flex flex-wrap gap-2" : "hidden"}>
        <ReasonDialog
          label={`审核通过${n}`}
          title={`审核通过 ${ids.length} 条${what}？`}
          description="续期的证书延长有效期，变更的证书生成新版本，进京的申请发放北京证书；申请人和提交单位会收到通知。"
          disabled={ids.length === 0}
          run={() => approveApplicationsAction({ ids })}
          onDone={done}
        />
        <ReasonDialog
          label={`审核不通过${n}`}
          variant="outline"
          title={`审核不通过 ${ids.length} 条${what}`}
          description="请填写原因，原因将通知申请人和提交单位。"
          reasonLabel="不通过原因"
          disabled={ids.length === 0}
          run={({ reason }) => rejectApplicationsAction({ ids, reason })}
          onDone={done}
        />
        {batchNo ? (
          <ReasonDialog
            label={`整批审核通过（${batchNo}）`}
            variant="outline"
            title={`审核通过申请批号 ${batchNo} 的全部待审核申请？`}
            description="该批号下所有已申请的申请都将审核通过；不能通过的会列出原因，留待审核不通过。"
            run={() => approveBatchAction({ batchNo })}
            onDone={done}
          />
        ) : null}
        {batchNo ? (
          <ReasonDialog
            label={`整批审核不通过（${batchNo}）`}
            variant="outline"
            title={`审核不通过申请批号 ${batchNo} 的全部待审核申请`}
            description="该批号下所有已申请的申请都将审核不通过；请填写原因，原因将通知申请人和提交单位。"
            reasonLabel="不通过原因"
            run={({ reason }) => rejectBatchAction({ batchNo, reason })}
            onDone={done}
          />
        ) : null}
      </div>
      <FormMessage message={message} tone="success" />
    </div>
  );
}
