ALTER TABLE "certificates" ADD COLUMN "photo_file_id" uuid;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_photo_file_id_files_id_fk" FOREIGN KEY ("photo_file_id") REFERENCES "public"."files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certificates_photo_idx" ON "certificates" USING btree ("photo_file_id");--> statement-breakpoint
-- Backfill: an exam certificate keeps the photo approved with its registration. A certificate without a
-- registration (证书进京, or issued before registrations existed) has so far printed the holder's photo of the
-- day, so it keeps the one it printed last.
UPDATE "certificates" c SET "photo_file_id" = r."photo_file_id"
  FROM "registrations" r WHERE r."id" = c."registration_id" AND c."photo_file_id" IS NULL;--> statement-breakpoint
UPDATE "certificates" c SET "photo_file_id" = p."photo_file_id"
  FROM "persons" p WHERE p."id" = c."person_id" AND c."registration_id" IS NULL AND c."photo_file_id" IS NULL;
