-- 已缴费 is final, whatever code runs: a paid or seated registration cannot be deleted or moved back before payment.
CREATE FUNCTION registrations_paid_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status IN ('paid', 'seated') THEN
      RAISE EXCEPTION '已缴费的报名不能删除（报名号 %）', OLD.registration_no USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status IN ('paid', 'seated') AND NEW.status NOT IN ('paid', 'seated') THEN
    RAISE EXCEPTION '已缴费的报名不能撤销缴费（报名号 %）', OLD.registration_no USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER registrations_paid_is_final BEFORE DELETE OR UPDATE OF status ON registrations
  FOR EACH ROW EXECUTE FUNCTION registrations_paid_is_final();
