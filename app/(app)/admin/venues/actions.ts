"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { defineAction } from "@/lib/actions";
import { clientIp } from "@/lib/request-context";
import { createRoom, createVenue, deleteRoom, setVenueStatus, updateRoom, updateVenue } from "@/lib/services/admin/venues";
import { roomIdSchema, roomSchema, updateRoomSchema, updateVenueSchema, venueIdSchema, venueSchema } from "@/lib/validations/admin/venue";

function refresh(id?: number) {
  revalidatePath("/admin/venues");
  if (id) revalidatePath(`/admin/venues/${id}`);
}

export const createVenueAction = defineAction({ roles: ["admin"], schema: venueSchema }, async (input, user) => {
  const id = await createVenue(db, user, input, await clientIp());
  refresh();
  return { data: { id }, message: "考点已保存" };
});
export const updateVenueAction = defineAction({ roles: ["admin"], schema: updateVenueSchema }, async ({ id, ...v }, user) => {
  await updateVenue(db, user, id, v, await clientIp());
  refresh(id);
  return { data: { id }, message: "修改保存成功" };
});
export const retireVenueAction = defineAction({ roles: ["admin"], schema: venueIdSchema }, async ({ id }, user) => {
  await setVenueStatus(db, user, id, "retired", await clientIp());
  refresh(id);
  return { data: null, message: "考点已停用" };
});
export const restoreVenueAction = defineAction({ roles: ["admin"], schema: venueIdSchema }, async ({ id }, user) => {
  await setVenueStatus(db, user, id, "active", await clientIp());
  refresh(id);
  return { data: null, message: "考点已恢复使用" };
});
export const createRoomAction = defineAction({ roles: ["admin"], schema: roomSchema }, async ({ venueId, ...v }, user) => {
  const id = await createRoom(db, user, venueId, v, await clientIp());
  refresh(venueId);
  return { data: { id }, message: "考场已保存" };
});
export const updateRoomAction = defineAction({ roles: ["admin"], schema: updateRoomSchema }, async ({ id, ...v }, user) => {
  await updateRoom(db, user, id, v, await clientIp());
  refresh();
  revalidatePath("/admin/venues", "layout");
  return { data: { id }, message: "考场已保存" };
});
export const deleteRoomAction = defineAction({ roles: ["admin"], schema: roomIdSchema }, async ({ id }, user) => {
  await deleteRoom(db, user, id, await clientIp());
  revalidatePath("/admin/venues", "layout");
  return { data: null, message: "考场已删除" };
});
