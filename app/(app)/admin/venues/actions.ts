"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { defineAction } from "@/lib/actions";
import { clientIp } from "@/lib/request-context";
import { createRoom, createVenue, deleteRoom, setVenueStatus, updateRoom, updateVenue } from "@/lib/services/admin/venues";
import { roomIdSchema, roomSchema, updateRoomSchema, updateVenueSchema, venueIdSchema, venueSchema } from "@/lib/validations/admin/venue";
import type { RoomInput } from "@/lib/validations/admin/venue";

function refresh(id?: number) {
  revalidatePath("/admin/venues");
  if (id) revalidatePath(`/admin/venues/${id}`);
}

const create = defineAction({ roles: ["admin"], schema: venueSchema }, async (input, user) => {
  const id = await createVenue(db, user, input, await clientIp());
  refresh();
  return { data: { id }, message: "考点已保存" };
});
const update = defineAction({ roles: ["admin"], schema: updateVenueSchema }, async ({ id, ...v }, user) => {
  await updateVenue(db, user, id, v, await clientIp());
  refresh(id);
  return { data: { id }, message: "修改保存成功" };
});
const retire = defineAction({ roles: ["admin"], schema: venueIdSchema }, async ({ id }, user) => {
  await setVenueStatus(db, user, id, "retired", await clientIp());
  refresh(id);
  return { data: null, message: "考点已停用" };
});
const restore = defineAction({ roles: ["admin"], schema: venueIdSchema }, async ({ id }, user) => {
  await setVenueStatus(db, user, id, "active", await clientIp());
  refresh(id);
  return { data: null, message: "考点已恢复使用" };
});
const addRoom = defineAction({ roles: ["admin"], schema: roomSchema }, async ({ venueId, ...v }, user) => {
  const id = await createRoom(db, user, venueId, v, await clientIp());
  refresh(venueId);
  return { data: { id }, message: "考场已保存" };
});
const editRoom = defineAction({ roles: ["admin"], schema: updateRoomSchema }, async ({ id, ...v }, user) => {
  await updateRoom(db, user, id, v, await clientIp());
  refresh();
  revalidatePath("/admin/venues", "layout");
  return { data: { id }, message: "考场已保存" };
});
const removeRoom = defineAction({ roles: ["admin"], schema: roomIdSchema }, async ({ id }, user) => {
  await deleteRoom(db, user, id, await clientIp());
  revalidatePath("/admin/venues", "layout");
  return { data: null, message: "考场已删除" };
});

export async function createVenueAction(input: { name: string; address: string }) {
  return create(input);
}
export async function updateVenueAction(input: { id: number; name: string; address: string }) {
  return update(input);
}
export async function retireVenueAction(input: { id: number } | FormData) {
  return retire(input);
}
export async function restoreVenueAction(input: { id: number } | FormData) {
  return restore(input);
}
export async function createRoomAction(input: RoomInput | FormData) {
  return addRoom(input);
}
export async function updateRoomAction(input: Omit<RoomInput, "venueId"> & { id: number } | FormData) {
  return editRoom(input);
}
export async function deleteRoomAction(input: { id: number } | FormData) {
  return removeRoom(input);
}
