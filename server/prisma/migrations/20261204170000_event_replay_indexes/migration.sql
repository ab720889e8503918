-- A brand's or tenant's replay of the event spine (`events(after:)`) reads its own events by
-- cursor instead of filtering every event after the cursor.
CREATE INDEX "Event_brandId_cursor_idx" ON "Event"("brandId", "cursor");
CREATE INDEX "Event_tenantId_cursor_idx" ON "Event"("tenantId", "cursor");
