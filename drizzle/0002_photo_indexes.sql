CREATE INDEX "persons_photo_idx" ON "persons" USING btree ("photo_file_id");--> statement-breakpoint
CREATE INDEX "registrations_photo_idx" ON "registrations" USING btree ("photo_file_id");