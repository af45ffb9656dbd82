-- re-identification scope: the identifier kinds asked for, and the approver's comment
-- A request made before this migration has no kinds (NULL): it covered every kind.
ALTER TABLE reid_requests ADD COLUMN kinds JSON;
ALTER TABLE reid_requests ADD COLUMN approver_note VARCHAR;
