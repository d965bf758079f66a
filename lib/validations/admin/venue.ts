import { z } from "zod";
import { requiredText } from "../common";
import { idField, intField } from "./common";

export const venueSchema = z.object({
  name: requiredText("考点名称", 60),
  address: requiredText("考点地址", 120),
});
export const updateVenueSchema = venueSchema.extend({ id: idField });
export const venueIdSchema = z.object({ id: idField });

export const roomSchema = z.object({
  venueId: idField,
  name: requiredText("考场名称", 30),
  capacity: intField("座位数", 1, 500),
  sortOrder: intField("排序", 0, 999),
});
export const updateRoomSchema = roomSchema.omit({ venueId: true }).extend({ id: idField });
export const roomIdSchema = z.object({ id: idField });
export type RoomInput = z.input<typeof roomSchema>;
