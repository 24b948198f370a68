-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "services" (
    "id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "duration_minutes" INTEGER NOT NULL,
    "price_cents" INTEGER,
    "currency" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "calcom_event_type_id" INTEGER,
    "sync_status" TEXT NOT NULL DEFAULT 'pending',
    "sync_error" TEXT,
    "sync_attempts" INTEGER NOT NULL DEFAULT 0,
    "last_sync_success" TIMESTAMPTZ(3),
    "last_calcom_sync" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "services_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_runs" (
    "id" SERIAL NOT NULL,
    "service_id" INTEGER NOT NULL,
    "trigger" TEXT NOT NULL,
    "requested_by" TEXT,
    "action" TEXT,
    "outcome" TEXT,
    "old_event_type_id" INTEGER,
    "new_event_type_id" INTEGER,
    "http_status" INTEGER,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "payload_hash" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "slack_channel" TEXT,
    "slack_thread_ts" TEXT,

    CONSTRAINT "sync_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_locks" (
    "service_id" INTEGER NOT NULL,
    "holder" TEXT NOT NULL,
    "run_id" INTEGER,
    "slack_channel" TEXT,
    "slack_thread_ts" TEXT,
    "acquired_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sync_locks_pkey" PRIMARY KEY ("service_id")
);

-- CreateIndex
CREATE INDEX "sync_runs_service_id_started_at_idx" ON "sync_runs"("service_id", "started_at");

-- AddForeignKey
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Other systems write `services` directly (SPEC §6): keep updated_at true for them too.
CREATE OR REPLACE FUNCTION calsync_touch_updated_at() RETURNS trigger AS $$
BEGIN
  NEW.updated_at := CURRENT_TIMESTAMP;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER services_touch_updated_at BEFORE UPDATE ON "services"
  FOR EACH ROW EXECUTE FUNCTION calsync_touch_updated_at();
