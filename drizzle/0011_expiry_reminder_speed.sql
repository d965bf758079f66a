ALTER TABLE "certificate_reminders" DROP CONSTRAINT "certificate_reminders_certificate_id_certificates_id_fk";
--> statement-breakpoint
DROP INDEX "notifications_person_idx";--> statement-breakpoint
DROP INDEX "notifications_org_idx";--> statement-breakpoint
DROP INDEX "notifications_user_idx";--> statement-breakpoint
CREATE INDEX "certificates_expiry_reminder_idx" ON "certificates" USING btree ("valid_until","id","person_id","trade_id","certificate_no","holder_name") WHERE "certificates"."status" = 'valid';--> statement-breakpoint
CREATE INDEX "notifications_person_idx" ON "notifications" USING btree ("person_id","created_at") WHERE "notifications"."person_id" is not null;--> statement-breakpoint
CREATE INDEX "notifications_org_idx" ON "notifications" USING btree ("organization_id","created_at") WHERE "notifications"."organization_id" is not null;--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at") WHERE "notifications"."user_id" is not null;