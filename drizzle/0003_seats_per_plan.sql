DROP INDEX "registrations_room_seat_key";--> statement-breakpoint
CREATE INDEX "persons_name_trgm_idx" ON "persons" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_plan_room_seat_key" ON "registrations" USING btree ("plan_id","room_id","seat_no");