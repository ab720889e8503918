-- AlterTable
ALTER TABLE "Node" ADD COLUMN     "capabilities" JSONB,
ADD COLUMN     "capabilitiesReportedAt" TIMESTAMP(3);
