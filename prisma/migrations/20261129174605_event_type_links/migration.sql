-- AlterTable
ALTER TABLE "sync_runs" ADD COLUMN     "changes" JSONB,
ADD COLUMN     "step" TEXT;

-- CreateTable
CREATE TABLE "event_type_links" (
    "service_id" INTEGER NOT NULL,
    "event_type_id" INTEGER NOT NULL,
    "slug" TEXT NOT NULL,
    "linked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_type_links_pkey" PRIMARY KEY ("service_id")
);

-- AddForeignKey
ALTER TABLE "event_type_links" ADD CONSTRAINT "event_type_links_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;
