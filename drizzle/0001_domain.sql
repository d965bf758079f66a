CREATE TABLE "captchas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"answer" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"storage_key" text NOT NULL,
	"kind" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"original_name" text,
	"owner_person_id" integer,
	"uploaded_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "files_kind_check" CHECK ("files"."kind" in ('photo', 'import', 'attachment'))
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "organizations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"uscc" text,
	"org_code" text,
	"contact_name" text,
	"contact_phone" text,
	"address" text,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizations_kind_check" CHECK ("organizations"."kind" in ('enterprise', 'trainer')),
	CONSTRAINT "organizations_status_check" CHECK ("organizations"."status" in ('active', 'disabled'))
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "persons_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"id_type" text DEFAULT 'resident' NOT NULL,
	"id_number" text NOT NULL,
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date,
	"phone" text,
	"email" text,
	"education" text,
	"address" text,
	"employer_org_id" integer,
	"employer_name" text,
	"work_start_date" date,
	"photo_file_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "persons_id_type_check" CHECK ("persons"."id_type" in ('resident', 'passport', 'hk_macao', 'taiwan')),
	CONSTRAINT "persons_gender_check" CHECK ("persons"."gender" in ('M', 'F'))
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"username" text NOT NULL,
	"password_hash" text,
	"role" text NOT NULL,
	"display_name" text NOT NULL,
	"person_id" integer,
	"organization_id" integer,
	"status" text DEFAULT 'active' NOT NULL,
	"session_version" integer DEFAULT 1 NOT NULL,
	"failed_login_count" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"oidc_subject" text,
	"last_login_at" timestamp with time zone,
	"password_changed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('person', 'enterprise', 'trainer', 'admin')),
	CONSTRAINT "users_status_check" CHECK ("users"."status" in ('active', 'disabled')),
	CONSTRAINT "users_role_owner_check" CHECK (("users"."role" = 'person' and "users"."person_id" is not null and "users"."organization_id" is null)
        or ("users"."role" in ('enterprise', 'trainer') and "users"."organization_id" is not null and "users"."person_id" is null)
        or ("users"."role" = 'admin' and "users"."person_id" is null and "users"."organization_id" is null))
);
--> statement-breakpoint
CREATE TABLE "exam_plan_venues" (
	"plan_id" integer NOT NULL,
	"venue_id" integer NOT NULL,
	CONSTRAINT "exam_plan_venues_plan_id_venue_id_pk" PRIMARY KEY("plan_id","venue_id")
);
--> statement-breakpoint
CREATE TABLE "exam_plans" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exam_plans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"trade_id" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"registration_start_at" timestamp with time zone NOT NULL,
	"registration_end_at" timestamp with time zone NOT NULL,
	"ticket_start_at" timestamp with time zone NOT NULL,
	"ticket_end_at" timestamp with time zone NOT NULL,
	"exam_start_at" timestamp with time zone NOT NULL,
	"exam_end_at" timestamp with time zone NOT NULL,
	"fee_cents" integer DEFAULT 0 NOT NULL,
	"min_work_years" integer DEFAULT 0 NOT NULL,
	"capacity" integer NOT NULL,
	"pass_mark" numeric(5, 1) DEFAULT 60 NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"candidate_notes" text DEFAULT '' NOT NULL,
	"created_by_user_id" integer,
	"published_at" timestamp with time zone,
	"results_published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exam_plans_status_check" CHECK ("exam_plans"."status" in ('draft', 'published', 'closed', 'seated', 'held', 'results_published', 'archived')),
	CONSTRAINT "exam_plans_registration_window_check" CHECK ("exam_plans"."registration_start_at" < "exam_plans"."registration_end_at"),
	CONSTRAINT "exam_plans_ticket_window_check" CHECK ("exam_plans"."ticket_start_at" < "exam_plans"."ticket_end_at"),
	CONSTRAINT "exam_plans_exam_time_check" CHECK ("exam_plans"."exam_start_at" < "exam_plans"."exam_end_at"),
	CONSTRAINT "exam_plans_numbers_check" CHECK ("exam_plans"."fee_cents" >= 0 and "exam_plans"."min_work_years" >= 0 and "exam_plans"."capacity" > 0),
	CONSTRAINT "exam_plans_pass_mark_check" CHECK ("exam_plans"."pass_mark" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "import_batches" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "import_batches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"plan_id" integer,
	"organization_id" integer,
	"uploaded_by_user_id" integer,
	"file_id" uuid,
	"original_name" text,
	"status" text NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"ok_rows" integer DEFAULT 0 NOT NULL,
	"error_rows" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_batches_kind_check" CHECK ("import_batches"."kind" in ('registrations', 'scores', 'payments', 'photos')),
	CONSTRAINT "import_batches_status_check" CHECK ("import_batches"."status" in ('applied', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "registrations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "registrations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"registration_no" text NOT NULL,
	"plan_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"submitter_kind" text NOT NULL,
	"submitter_org_id" integer,
	"submitted_by_user_id" integer,
	"employer_org_id" integer,
	"employer_name" text NOT NULL,
	"employer_code" text,
	"work_start_date" date NOT NULL,
	"years_of_work" integer NOT NULL,
	"resume" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"employer_opinion" text DEFAULT '' NOT NULL,
	"photo_file_id" uuid,
	"status" text DEFAULT 'submitted' NOT NULL,
	"reject_reason" text,
	"reviewed_by_user_id" integer,
	"reviewed_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"paid_amount_cents" integer,
	"payment_ref" text,
	"room_id" integer,
	"seat_no" integer,
	"ticket_no" text,
	"ticket_printed_at" timestamp with time zone,
	"score" numeric(5, 1),
	"passed" boolean,
	"result_recorded_at" timestamp with time zone,
	"import_batch_id" integer,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registrations_status_check" CHECK ("registrations"."status" in ('submitted', 'approved', 'rejected', 'withdrawn', 'paid', 'seated')),
	CONSTRAINT "registrations_submitter_kind_check" CHECK ("registrations"."submitter_kind" in ('person', 'enterprise', 'trainer')),
	CONSTRAINT "registrations_submitter_org_check" CHECK (("registrations"."submitter_kind" = 'person') = ("registrations"."submitter_org_id" is null)),
	CONSTRAINT "registrations_paid_check" CHECK ("registrations"."status" not in ('paid', 'seated') or "registrations"."paid_at" is not null),
	CONSTRAINT "registrations_seated_check" CHECK (("registrations"."status" = 'seated') = ("registrations"."room_id" is not null and "registrations"."seat_no" is not null and "registrations"."ticket_no" is not null)),
	CONSTRAINT "registrations_rejected_reason_check" CHECK ("registrations"."status" <> 'rejected' or "registrations"."reject_reason" is not null),
	CONSTRAINT "registrations_score_check" CHECK ("registrations"."score" is null or ("registrations"."score" between 0 and 100)),
	CONSTRAINT "registrations_result_check" CHECK ("registrations"."score" is null or "registrations"."status" = 'seated'),
	CONSTRAINT "registrations_years_check" CHECK ("registrations"."years_of_work" between 0 and 70)
);
--> statement-breakpoint
CREATE TABLE "rooms" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rooms_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"venue_id" integer NOT NULL,
	"name" text NOT NULL,
	"capacity" integer NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rooms_capacity_check" CHECK ("rooms"."capacity" between 1 and 500)
);
--> statement-breakpoint
CREATE TABLE "trades" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "trades_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"validity_years" integer NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trades_status_check" CHECK ("trades"."status" in ('active', 'retired')),
	CONSTRAINT "trades_validity_check" CHECK ("trades"."validity_years" between 1 and 20)
);
--> statement-breakpoint
CREATE TABLE "venues" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "venues_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"address" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "venues_status_check" CHECK ("venues"."status" in ('active', 'retired'))
);
--> statement-breakpoint
CREATE TABLE "application_batches" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "application_batches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"batch_no" text NOT NULL,
	"kind" text NOT NULL,
	"submitter_kind" text NOT NULL,
	"submitter_org_id" integer,
	"submitted_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "application_batches_kind_check" CHECK ("application_batches"."kind" in ('renewal', 'change', 'transfer_in'))
);
--> statement-breakpoint
CREATE TABLE "certificate_applications" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "certificate_applications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"batch_id" integer NOT NULL,
	"kind" text NOT NULL,
	"certificate_id" integer,
	"person_id" integer NOT NULL,
	"status" text DEFAULT 'applied' NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"reject_reason" text,
	"reviewed_by_user_id" integer,
	"reviewed_at" timestamp with time zone,
	"result_certificate_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificate_applications_kind_check" CHECK ("certificate_applications"."kind" in ('renewal', 'change', 'transfer_in')),
	CONSTRAINT "certificate_applications_status_check" CHECK ("certificate_applications"."status" in ('applied', 'approved', 'rejected')),
	CONSTRAINT "certificate_applications_certificate_check" CHECK (("certificate_applications"."kind" = 'transfer_in') or "certificate_applications"."certificate_id" is not null),
	CONSTRAINT "certificate_applications_reject_check" CHECK ("certificate_applications"."status" <> 'rejected' or "certificate_applications"."reject_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "certificates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"certificate_no" text NOT NULL,
	"person_id" integer NOT NULL,
	"trade_id" integer NOT NULL,
	"registration_id" integer,
	"source" text NOT NULL,
	"holder_name" text NOT NULL,
	"employer_name" text,
	"issue_date" date NOT NULL,
	"valid_until" date NOT NULL,
	"issuer" text NOT NULL,
	"status" text DEFAULT 'valid' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"previous_id" integer,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificates_status_check" CHECK ("certificates"."status" in ('valid', 'superseded', 'revoked')),
	CONSTRAINT "certificates_source_check" CHECK ("certificates"."source" in ('exam', 'transfer_in')),
	CONSTRAINT "certificates_validity_check" CHECK ("certificates"."issue_date" < "certificates"."valid_until")
);
--> statement-breakpoint
CREATE TABLE "audit_logs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_logs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" integer,
	"actor_name" text,
	"actor_role" text,
	"ip" "inet",
	"action" text NOT NULL,
	"entity_type" text,
	"entity_id" text,
	"summary" text NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"person_id" integer,
	"organization_id" integer,
	"user_id" integer,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_recipient_check" CHECK (num_nonnulls("notifications"."person_id", "notifications"."organization_id", "notifications"."user_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "serials" (
	"scope" text PRIMARY KEY NOT NULL,
	"last" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_owner_person_id_persons_id_fk" FOREIGN KEY ("owner_person_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_employer_org_id_organizations_id_fk" FOREIGN KEY ("employer_org_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_photo_file_id_files_id_fk" FOREIGN KEY ("photo_file_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_plan_venues" ADD CONSTRAINT "exam_plan_venues_plan_id_exam_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."exam_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_plan_venues" ADD CONSTRAINT "exam_plan_venues_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_plans" ADD CONSTRAINT "exam_plans_trade_id_trades_id_fk" FOREIGN KEY ("trade_id") REFERENCES "public"."trades"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_plans" ADD CONSTRAINT "exam_plans_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_plan_id_exam_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."exam_plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_plan_id_exam_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."exam_plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_submitter_org_id_organizations_id_fk" FOREIGN KEY ("submitter_org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_submitted_by_user_id_users_id_fk" FOREIGN KEY ("submitted_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_employer_org_id_organizations_id_fk" FOREIGN KEY ("employer_org_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_photo_file_id_files_id_fk" FOREIGN KEY ("photo_file_id") REFERENCES "public"."files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_reviewed_by_user_id_users_id_fk" FOREIGN KEY ("reviewed_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_batches" ADD CONSTRAINT "application_batches_submitter_org_id_organizations_id_fk" FOREIGN KEY ("submitter_org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_batches" ADD CONSTRAINT "application_batches_submitted_by_user_id_users_id_fk" FOREIGN KEY ("submitted_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_applications" ADD CONSTRAINT "certificate_applications_batch_id_application_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."application_batches"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_applications" ADD CONSTRAINT "certificate_applications_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_applications" ADD CONSTRAINT "certificate_applications_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_applications" ADD CONSTRAINT "certificate_applications_reviewed_by_user_id_users_id_fk" FOREIGN KEY ("reviewed_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_applications" ADD CONSTRAINT "certificate_applications_result_certificate_id_certificates_id_fk" FOREIGN KEY ("result_certificate_id") REFERENCES "public"."certificates"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_trade_id_trades_id_fk" FOREIGN KEY ("trade_id") REFERENCES "public"."trades"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_previous_id_certificates_id_fk" FOREIGN KEY ("previous_id") REFERENCES "public"."certificates"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "captchas_expires_idx" ON "captchas" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "files_storage_key_key" ON "files" USING btree ("storage_key");--> statement-breakpoint
CREATE INDEX "files_owner_person_idx" ON "files" USING btree ("owner_person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_uscc_key" ON "organizations" USING btree ("uscc");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_org_code_key" ON "organizations" USING btree ("org_code");--> statement-breakpoint
CREATE INDEX "organizations_kind_name_idx" ON "organizations" USING btree ("kind","name");--> statement-breakpoint
CREATE UNIQUE INDEX "persons_id_type_number_key" ON "persons" USING btree ("id_type","id_number");--> statement-breakpoint
CREATE INDEX "persons_name_idx" ON "persons" USING btree ("name");--> statement-breakpoint
CREATE INDEX "persons_id_number_idx" ON "persons" USING btree ("id_number" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "persons_employer_idx" ON "persons" USING btree ("employer_org_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_key" ON "users" USING btree (lower("username"));--> statement-breakpoint
CREATE UNIQUE INDEX "users_oidc_subject_key" ON "users" USING btree ("oidc_subject");--> statement-breakpoint
CREATE UNIQUE INDEX "users_person_key" ON "users" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "users_organization_idx" ON "users" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_plans_code_key" ON "exam_plans" USING btree ("code");--> statement-breakpoint
CREATE INDEX "exam_plans_status_idx" ON "exam_plans" USING btree ("status","exam_start_at");--> statement-breakpoint
CREATE INDEX "exam_plans_trade_idx" ON "exam_plans" USING btree ("trade_id","exam_start_at");--> statement-breakpoint
CREATE INDEX "exam_plans_registration_idx" ON "exam_plans" USING btree ("registration_start_at","registration_end_at");--> statement-breakpoint
CREATE INDEX "exam_plans_name_trgm_idx" ON "exam_plans" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "import_batches_plan_idx" ON "import_batches" USING btree ("plan_id","created_at");--> statement-breakpoint
CREATE INDEX "import_batches_org_idx" ON "import_batches" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_no_key" ON "registrations" USING btree ("registration_no");--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_plan_person_key" ON "registrations" USING btree ("plan_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_ticket_no_key" ON "registrations" USING btree ("ticket_no");--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_room_seat_key" ON "registrations" USING btree ("room_id","seat_no");--> statement-breakpoint
CREATE INDEX "registrations_plan_status_idx" ON "registrations" USING btree ("plan_id","status","submitted_at");--> statement-breakpoint
CREATE INDEX "registrations_status_idx" ON "registrations" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "registrations_person_idx" ON "registrations" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "registrations_submitter_org_idx" ON "registrations" USING btree ("submitter_org_id","plan_id");--> statement-breakpoint
CREATE INDEX "registrations_employer_org_idx" ON "registrations" USING btree ("employer_org_id");--> statement-breakpoint
CREATE INDEX "registrations_submitter_kind_idx" ON "registrations" USING btree ("submitter_kind","status");--> statement-breakpoint
CREATE INDEX "registrations_plan_passed_idx" ON "registrations" USING btree ("plan_id","passed");--> statement-breakpoint
CREATE UNIQUE INDEX "rooms_venue_name_key" ON "rooms" USING btree ("venue_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "trades_code_key" ON "trades" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "trades_name_key" ON "trades" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "venues_name_key" ON "venues" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "application_batches_no_key" ON "application_batches" USING btree ("batch_no");--> statement-breakpoint
CREATE INDEX "application_batches_org_idx" ON "application_batches" USING btree ("submitter_org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_applications_open_key" ON "certificate_applications" USING btree ("certificate_id","kind") WHERE "certificate_applications"."status" = 'applied' and "certificate_applications"."certificate_id" is not null;--> statement-breakpoint
CREATE INDEX "certificate_applications_batch_idx" ON "certificate_applications" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "certificate_applications_status_idx" ON "certificate_applications" USING btree ("status","kind","created_at");--> statement-breakpoint
CREATE INDEX "certificate_applications_person_idx" ON "certificate_applications" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_no_version_key" ON "certificates" USING btree ("certificate_no","version");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_no_current_key" ON "certificates" USING btree ("certificate_no") WHERE "certificates"."status" <> 'superseded';--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_registration_key" ON "certificates" USING btree ("registration_id") WHERE "certificates"."version" = 1;--> statement-breakpoint
CREATE INDEX "certificates_person_idx" ON "certificates" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "certificates_trade_idx" ON "certificates" USING btree ("trade_id","valid_until");--> statement-breakpoint
CREATE INDEX "certificates_status_valid_until_idx" ON "certificates" USING btree ("status","valid_until");--> statement-breakpoint
CREATE INDEX "audit_logs_at_idx" ON "audit_logs" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_logs_action_idx" ON "audit_logs" USING btree ("action","at");--> statement-breakpoint
CREATE INDEX "audit_logs_entity_idx" ON "audit_logs" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_logs_actor_idx" ON "audit_logs" USING btree ("actor_user_id","at");--> statement-breakpoint
CREATE INDEX "notifications_person_idx" ON "notifications" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_org_idx" ON "notifications" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");