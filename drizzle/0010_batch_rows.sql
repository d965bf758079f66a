CREATE TABLE "import_batch_rows" (
	"batch_id" integer NOT NULL,
	"row_no" integer NOT NULL,
	"id_type" text NOT NULL,
	"id_number" text NOT NULL,
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date,
	"education" text NOT NULL,
	"phone" text NOT NULL,
	"employer_name" text NOT NULL,
	"employer_code" text,
	"work_start_date" date NOT NULL,
	"years_of_work" integer NOT NULL,
	"resume" jsonb NOT NULL,
	"employer_opinion" text NOT NULL,
	CONSTRAINT "import_batch_rows_batch_id_row_no_pk" PRIMARY KEY("batch_id","row_no")
);
--> statement-breakpoint
ALTER TABLE "import_batches" ADD COLUMN "photo_job" jsonb;--> statement-breakpoint
ALTER TABLE "import_batches" ADD COLUMN "check_key" text;--> statement-breakpoint
ALTER TABLE "import_batch_rows" ADD CONSTRAINT "import_batch_rows_batch_id_import_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."import_batches"("id") ON DELETE cascade ON UPDATE no action;