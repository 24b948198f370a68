-- CreateTable
CREATE TABLE "digests" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "local_date" TEXT NOT NULL,
    "claimed_by" TEXT NOT NULL,
    "claimed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "posted_at" TIMESTAMPTZ(3),
    "message_ts" TEXT,
    "counts" JSONB,

    CONSTRAINT "digests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "digests_channel_local_date_key" ON "digests"("channel", "local_date");
