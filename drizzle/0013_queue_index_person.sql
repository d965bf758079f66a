DROP INDEX "registrations_status_idx";--> statement-breakpoint
CREATE INDEX "registrations_status_idx" ON "registrations" USING btree ("status","submitted_at","person_id");