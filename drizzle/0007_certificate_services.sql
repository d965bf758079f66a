CREATE TABLE "certificate_application_files" (
	"application_id" integer NOT NULL,
	"file_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificate_application_files_application_id_file_id_pk" PRIMARY KEY("application_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "certificate_reminders" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "certificate_reminders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"certificate_id" integer NOT NULL,
	"stage" text NOT NULL,
	"valid_until" date NOT NULL,
	"emailed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificate_reminders_stage_check" CHECK ("certificate_reminders"."stage" in ('d90', 'd30', 'd7', 'd0'))
);
--> statement-breakpoint
ALTER TABLE "trades" ADD COLUMN "renewal_window_months" integer DEFAULT 6 NOT NULL;--> statement-breakpoint
ALTER TABLE "trades" ADD COLUMN "renewal_grace_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "certificate_applications" ADD COLUMN "trade_id" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "certificate_applications" ADD COLUMN "origin_certificate_no" text;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "revoke_reason_class" text;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "origin_certificate_no" text;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "origin_issuer" text;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "origin_issue_date" date;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "transfer_application_id" integer;--> statement-breakpoint
ALTER TABLE "certificate_application_files" ADD CONSTRAINT "certificate_application_files_application_id_certificate_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."certificate_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_application_files" ADD CONSTRAINT "certificate_application_files_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_reminders" ADD CONSTRAINT "certificate_reminders_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certificate_application_files_file_idx" ON "certificate_application_files" USING btree ("file_id");--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_reminders_key" ON "certificate_reminders" USING btree ("certificate_id","stage","valid_until");--> statement-breakpoint
ALTER TABLE "certificate_applications" ADD CONSTRAINT "certificate_applications_trade_id_trades_id_fk" FOREIGN KEY ("trade_id") REFERENCES "public"."trades"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_transfer_application_id_certificate_applications_id_fk" FOREIGN KEY ("transfer_application_id") REFERENCES "public"."certificate_applications"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certificate_applications_trade_idx" ON "certificate_applications" USING btree ("trade_id","status");--> statement-breakpoint
CREATE INDEX "certificate_applications_result_idx" ON "certificate_applications" USING btree ("result_certificate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_applications_origin_no_key" ON "certificate_applications" USING btree ("origin_certificate_no") WHERE "certificate_applications"."kind" = 'transfer_in' and "certificate_applications"."status" = 'applied';--> statement-breakpoint
CREATE INDEX "certificates_previous_idx" ON "certificates" USING btree ("previous_id");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_origin_no_key" ON "certificates" USING btree ("origin_certificate_no") WHERE "certificates"."status" <> 'superseded' and "certificates"."origin_certificate_no" is not null;--> statement-breakpoint
CREATE INDEX "certificates_transfer_application_idx" ON "certificates" USING btree ("transfer_application_id");--> statement-breakpoint
ALTER TABLE "trades" ADD CONSTRAINT "trades_renewal_window_check" CHECK ("trades"."renewal_window_months" between 1 and 24 and "trades"."renewal_grace_days" between 0 and 366);--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_revoke_class_check" CHECK ("certificates"."revoke_reason_class" in ('violation', 'fraud', 'holder_request', 'deceased', 'other'));--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_revoked_check" CHECK (("certificates"."status" = 'revoked') = ("certificates"."revoked_at" is not null and "certificates"."revoke_reason_class" is not null));