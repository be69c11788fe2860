-- A published, piloted or retired pipeline version is immutable: deals run on it.
-- Only its status (pilot → published → retired) and publish time may change.
CREATE FUNCTION pipeline_versions_immutable() RETURNS trigger AS $$
BEGIN
  IF OLD.status <> 'draft' AND (
    NEW.definition IS DISTINCT FROM OLD.definition OR
    NEW.machine IS DISTINCT FROM OLD.machine OR
    NEW.hash IS DISTINCT FROM OLD.hash OR
    NEW.pipeline_id IS DISTINCT FROM OLD.pipeline_id OR
    NEW.number IS DISTINCT FROM OLD.number
  ) THEN
    RAISE EXCEPTION 'pipeline version % is %, and cannot be changed', OLD.id, OLD.status
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER pipeline_versions_immutable
  BEFORE UPDATE ON pipeline_versions
  FOR EACH ROW EXECUTE FUNCTION pipeline_versions_immutable();
