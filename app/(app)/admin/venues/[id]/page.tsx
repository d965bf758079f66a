import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { db } from "@/db";
import { requireRole } from "@/lib/auth/guards";
import { getVenue } from "@/lib/queries/admin/registry";
import { ActionButton } from "@/components/action-button";
import { InlineForm } from "../../_components/inline-form";
import { VenueForm } from "../_components/venue-form";
import { createRoomAction, deleteRoomAction, restoreVenueAction, retireVenueAction, updateRoomAction } from "../actions";
import { StatusBadge } from "@/components/status-badge";
import { CATALOGUE_STATUS } from "@/lib/domain/statuses";

export const metadata = { title: "考点" };

function RoomFields({ prefix, name, capacity, sortOrder }: { prefix: string; name?: string; capacity?: number; sortOrder?: number }) {
  return (
    <>
      <div className="grid [&>*]:min-w-0 gap-1.5">
        <label htmlFor={`${prefix}-name`} className="text-sm font-medium">
          考场名称 <span className="text-destructive" aria-hidden>*</span>
        </label>
        <Input id={`${prefix}-name`} name="name" defaultValue={name} required />
      </div>
      <div className="grid [&>*]:min-w-0 gap-1.5">
        <label htmlFor={`${prefix}-capacity`} className="text-sm font-medium">
          座位数 <span className="text-destructive" aria-hidden>*</span>
        </label>
        <Input id={`${prefix}-capacity`} name="capacity" type="number" min={1} max={500} inputMode="numeric" defaultValue={capacity} required />
      </div>
      <div className="grid [&>*]:min-w-0 gap-1.5">
        <label htmlFor={`${prefix}-sort`} className="text-sm font-medium">
          排序
        </label>
        <Input id={`${prefix}-sort`} name="sortOrder" type="number" min={0} max={999} inputMode="numeric" defaultValue={sortOrder ?? 0} />
      </div>
    </>
  );
}

export default async function VenuePage(props: { params: Promise<{ id: string }> }) {
  await requireRole("admin");
  const id = Number((await props.params).id);
  const venue = Number.isInteger(id) && id > 0 ? await getVenue(db, id) : null;
  if (!venue) notFound();
  const seats = venue.rooms.reduce((s, r) => s + r.capacity, 0);
  const grid = "grid items-start gap-3 sm:grid-cols-[1fr_8rem_6rem_auto]";
  return (
    <>
      <PageHeader
        title={venue.name}
        description={
          <span className="flex items-center gap-2">
            <StatusBadge of={CATALOGUE_STATUS} status={venue.status} />
            {venue.rooms.length} 个考场，共 {seats} 座
          </span>
        }
        actions={
          venue.status === "active" ? (
            <ActionButton action={retireVenueAction} fields={{ id: String(venue.id) }} label="停用考点" variant="outline" confirm={{ title: `停用考点“${venue.name}”？`, description: "停用后不能被新的考试计划选择；已选用的计划不受影响。", confirmLabel: "停用" }} />
          ) : (
            <ActionButton action={restoreVenueAction} fields={{ id: String(venue.id) }} label="恢复使用" variant="outline" />
          )
        }
      />
      <div className="grid [&>*]:min-w-0 gap-6">
        <Card>
          <CardHeader>
            <CardTitle>考点信息</CardTitle>
          </CardHeader>
          <CardContent>
            <VenueForm id={venue.id} initial={{ name: venue.name, address: venue.address }} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>考场</CardTitle>
          </CardHeader>
          <CardContent className="grid [&>*]:min-w-0 gap-4">
            {venue.rooms.map((r) => (
              <div key={r.id} className="grid [&>*]:min-w-0 gap-2 border-b pb-4">
                <InlineForm action={updateRoomAction} fields={{ id: String(r.id) }} submitLabel="保存" className={grid} label={`考场 ${r.name}`}>
                  <RoomFields prefix={`room-${r.id}`} name={r.name} capacity={r.capacity} sortOrder={r.sortOrder} />
                </InlineForm>
                {r.used ? (
                  <p className="text-xs text-muted-foreground">已有考生编排在此考场，不能删除。</p>
                ) : (
                  <ActionButton action={deleteRoomAction} fields={{ id: String(r.id) }} label="删除考场" size="sm" variant="outline" confirm={{ title: `删除考场“${r.name}”？`, confirmLabel: "删除" }} />
                )}
              </div>
            ))}
            <h3 className="text-sm font-medium">新增考场</h3>
            <InlineForm action={createRoomAction} fields={{ venueId: String(venue.id) }} submitLabel="新增" className={grid} resetOnSuccess label="新增考场">
              <RoomFields prefix="new-room" sortOrder={venue.rooms.length + 1} />
            </InlineForm>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
