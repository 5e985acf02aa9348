-- Outgoing webhooks: how many pending requests in the tenant turn per-request events into one digest.
-- AlterTable
ALTER TABLE "WebhookEndpoint" ADD COLUMN     "digestThreshold" INTEGER NOT NULL DEFAULT 10;
