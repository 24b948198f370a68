-- From this release a sync's own write stamps last_sync_success with the database's now(), the same instant
-- the trigger gives updated_at, so the digest compares them exactly. Rows written before were stamped by the
-- app's clock, a few milliseconds to seconds before updated_at; the digest used to forgive up to a minute.
-- Those rows get that minute once here, so nothing synced before the upgrade reads as stale after it.
ALTER TABLE "services" DISABLE TRIGGER services_touch_updated_at;
UPDATE "services" SET "updated_at" = "last_sync_success"
 WHERE "last_sync_success" IS NOT NULL
   AND "updated_at" > "last_sync_success"
   AND "updated_at" - "last_sync_success" <= interval '60 seconds';
ALTER TABLE "services" ENABLE TRIGGER services_touch_updated_at;
