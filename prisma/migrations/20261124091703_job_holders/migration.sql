-- CreateTable
CREATE TABLE "job_holders" (
    "holder" TEXT NOT NULL,
    "heartbeat_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "job_holders_pkey" PRIMARY KEY ("holder")
);
