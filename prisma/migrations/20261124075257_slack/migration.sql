-- CreateTable
CREATE TABLE "slack_receipts" (
    "key" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "slack_receipts_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "slack_messages" (
    "channel" TEXT NOT NULL,
    "ts" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "service_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "slack_messages_pkey" PRIMARY KEY ("channel","ts")
);

-- CreateIndex
CREATE INDEX "slack_receipts_received_at_idx" ON "slack_receipts"("received_at");
