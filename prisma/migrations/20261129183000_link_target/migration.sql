-- The target a link was made under (issue 13): a team's id, or NULL for the key owner's personal event
-- types. Every link before this migration was personal, which NULL says.
ALTER TABLE "event_type_links" ADD COLUMN "team_id" INTEGER;
