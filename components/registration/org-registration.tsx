"use client";

import Link from "next/link";
import { useEffect, useRef, useState, useTransition } from "react";
import { SearchIcon } from "lucide-react";
import { Required } from "@/components/form-fields";
import { FormMessage } from "@/components/form-message";
import { NativeSelect } from "@/components/native-select";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, FieldError, FieldGroup, FieldLabel, FieldLegend, FieldSet } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/actions";
import { ID_TYPE_LABELS, type IdType } from "@/lib/identity/chinese-id";
import { EDUCATION_LEVELS } from "@/lib/validations/common";
import type { OrgRegistrationInput } from "@/lib/validations/org-registration";
import { RegistrationForm, type RegistrationFormProps } from "./registration-form";

type Gender = "M" | "F";
type Employee = {
  id: number;
  name: string;
  idType: IdType;
  idNumber: string;
  gender: Gender;
  birthDate: string | null;
  phone: string | null;
  education: string | null;
  employerName: string | null;
  workStartDate: string | null;
  photoFileId: string | null;
};
type Lookup =
  | { kind: "new"; gender: Gender | null; birthDate: string | null }
  | { kind: "employee"; person: Employee }
  | { kind: "known"; nameMatches: boolean | null; gender: Gender | null; birthDate: string | null };
type Stage = { stage: string | null; mayRegister: boolean; message: string };
type EmployeeRow = { id: number; name: string; idType: IdType; idNumberMasked: string; gender: Gender; employerName: string | null };

export type OrgRegistrationActions = {
  /** Enterprise only: its employees by name or ID number. */
  searchEmployees?: (input: { q: string; page?: number; pageSize?: number }) => Promise<ActionResult<{ rows: EmployeeRow[]; total: number }>>;
  employeeDetails?: (input: { personId: number }) => Promise<ActionResult<Employee>>;
  lookup: (input: { idType: IdType; idNumber: string; name?: string }) => Promise<ActionResult<Lookup>>;
  stage: (input: { idType: IdType; idNumber: string; name?: string; planId: number }) => Promise<ActionResult<Stage>>;
  submit: (input: OrgRegistrationInput) => Promise<ActionResult<{ id: number; registrationNo: string }>>;
  lookupEmployer: RegistrationFormProps["lookupEmployer"];
};

type Props = {
  role: "enterprise" | "trainer";
  basePath: string;
  plan: RegistrationFormProps["plan"];
  /** 聘用单位 for a new person: the enterprise itself; empty for a training institution. */
  defaultEmployerName: string;
  actions: OrgRegistrationActions;
};

/**
 * 我要报名 of an enterprise or a training institution (manual 2.2.1, 2.3.1): find the person (an employee
 * from the search, or by ID type and number), see the stage sentence before saving, fill the same
 * registration form as the practitioner, 保存 → 报名成功, then 新增 starts the next person at once.
 */
export function OrgRegistration(props: Props) {
  const [round, setRound] = useState(0);
  const [saved, setSaved] = useState<{ id: number; registrationNo: string; name: string } | null>(null);
  const newButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (saved) newButton.current?.focus();
  }, [saved]);

  if (saved) {
    return (
      <section aria-labelledby="saved-title" className="grid gap-4">
        <Alert className="border-green-200 bg-green-50 text-green-900" role="status">
          <AlertTitle id="saved-title">报名成功</AlertTitle>
          <AlertDescription className="text-green-900">
            <p>
              {saved.name} 的报名号为 <span className="font-mono">{saved.registrationNo}</span>，请等待注册中心审核。
            </p>
          </AlertDescription>
        </Alert>
        <div className="flex flex-wrap gap-2">
          <Button
            ref={newButton}
            type="button"
            onClick={() => {
              setSaved(null);
              setRound((r) => r + 1);
            }}
          >
            新增
          </Button>
          <Button asChild variant="outline">
            <Link href={`${props.basePath}/registrations/${saved.id}`}>查看报名</Link>
          </Button>
          <Button asChild variant="outline">
            <Link href={`${props.basePath}/registrations`}>返回考试报名</Link>
          </Button>
        </div>
      </section>
    );
  }
  return <OneRegistration key={round} {...props} focusId={round > 0} onSaved={setSaved} />;
}

function OneRegistration({ role, basePath, plan, defaultEmployerName, actions, focusId, onSaved }: Props & { focusId: boolean; onSaved: (s: { id: number; registrationNo: string; name: string }) => void }) {
  const idRef = useRef<HTMLInputElement>(null);
  const [idType, setIdType] = useState<IdType>("resident");
  const [idNumber, setIdNumber] = useState("");
  const [name, setName] = useState("");
  const [gender, setGender] = useState<"" | Gender>("");
  const [birthDate, setBirthDate] = useState("");
  const [phone, setPhone] = useState("");
  const [education, setEducation] = useState("");
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const [stage, setStage] = useState<Stage | null>(null);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [pending, start] = useTransition();
  const [q, setQ] = useState("");
  const [found, setFound] = useState<{ rows: EmployeeRow[]; total: number } | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);

  useEffect(() => {
    if (focusId) idRef.current?.focus();
  }, [focusId]);

  const employee = lookup?.kind === "employee" ? lookup.person : null;
  const derived = lookup && lookup.kind !== "employee" && lookup.gender ? lookup : null;

  // The last ID and name looked up: leaving a field without changing it keeps what the form already shows.
  const checked = useRef("");
  const latest = useRef(0);
  function onIdEntered(next: { idType: IdType; idNumber: string; name: string }) {
    const key = `${next.idType}:${next.idNumber}:${next.name}`;
    if (key === checked.current) return;
    checked.current = key;
    const seq = ++latest.current;
    setStage(null);
    setLookup(null);
    if (!next.idNumber.trim()) return;
    start(async () => {
      const res = await actions.lookup(next);
      if (seq !== latest.current) return; // a later ID or name is being looked up
      if (!res.ok) {
        setErrors({ idNumber: res.fieldErrors?.idNumber?.[0] ?? res.error });
        return;
      }
      setErrors({});
      setLookup(res.data);
      const l = res.data;
      let who = next.name;
      if (l.kind === "employee") {
        who = l.person.name;
        checked.current = `${l.person.idType}:${l.person.idNumber}:${l.person.name}`;
        setName(l.person.name);
        setIdNumber(l.person.idNumber);
        setGender(l.person.gender);
        setBirthDate(l.person.birthDate ?? "");
        setPhone(l.person.phone ?? "");
        setEducation(l.person.education ?? "");
      } else {
        if (l.gender) setGender(l.gender);
        if (l.birthDate) setBirthDate(l.birthDate);
      }
      if (who) {
        const r = await actions.stage({ ...next, name: who, planId: plan.id });
        if (seq === latest.current && r.ok) setStage(r.data);
      }
    });
  }

  function pickEmployee(personId: number) {
    start(async () => {
      const res = await actions.employeeDetails!({ personId });
      if (!res.ok) {
        setSearchError(res.error);
        return;
      }
      const p = res.data;
      setIdType(p.idType);
      setIdNumber(p.idNumber);
      setName(p.name);
      setGender(p.gender);
      setBirthDate(p.birthDate ?? "");
      setPhone(p.phone ?? "");
      setEducation(p.education ?? "");
      setLookup({ kind: "employee", person: p });
      checked.current = `${p.idType}:${p.idNumber}:${p.name}`;
      setErrors({});
      setFound(null);
      const r = await actions.stage({ idType: p.idType, idNumber: p.idNumber, name: p.name, planId: plan.id });
      if (r.ok) setStage(r.data);
    });
  }

  const ready = Boolean(lookup && name.trim() && stage?.mayRegister && !(lookup.kind === "known" && lookup.nameMatches === false));
  const isNew = lookup?.kind === "new";

  return (
    <div className="grid gap-8">
      {role === "enterprise" && actions.searchEmployees ? (
        <section aria-labelledby="find-title" className="grid gap-3 rounded-lg border p-4">
          <h2 id="find-title" className="font-semibold">
            查找本单位人员
          </h2>
          <form
            className="flex flex-wrap items-end gap-2"
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              setSearchError(null);
              start(async () => {
                const res = await actions.searchEmployees!({ q, pageSize: 10 });
                if (res.ok) setFound(res.data);
                else setSearchError(res.error);
              });
            }}
          >
            <Field className="w-72 max-w-full">
              <FieldLabel htmlFor="employee-q">姓名或证件号码</FieldLabel>
              <Input id="employee-q" value={q} maxLength={30} onChange={(e) => setQ(e.target.value)} />
            </Field>
            <Button type="submit" variant="outline" disabled={pending}>
              <SearchIcon aria-hidden="true" />
              查询
            </Button>
          </form>
          <FormMessage message={searchError ?? undefined} tone="error" />
          {found ? (
            found.rows.length ? (
              <ul className="grid gap-2" aria-label="查询到的本单位人员">
                {found.rows.map((p) => (
                  <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md border px-3 py-2 text-sm">
                    <span>
                      {p.name}（{p.gender === "M" ? "男" : "女"}） <span className="font-mono text-muted-foreground">{p.idNumberMasked}</span>
                    </span>
                    <Button type="button" size="sm" variant="outline" onClick={() => pickEmployee(p.id)} aria-label={`选择 ${p.name}`}>
                      选择
                    </Button>
                  </li>
                ))}
                {found.total > found.rows.length ? <li className="text-sm text-muted-foreground">共 {found.total} 人，请输入更完整的姓名或证件号码。</li> : null}
              </ul>
            ) : (
              <p className="text-sm text-muted-foreground">没有查到本单位人员，可在下方输入证件号码登记新人员。</p>
            )
          ) : null}
        </section>
      ) : null}

      <FieldSet>
        <FieldLegend>报名人员</FieldLegend>
        <p className="text-sm text-muted-foreground">
          {role === "enterprise" ? "输入证件号码后，已登记的本单位人员自动带出信息；新人员由证件号码得出性别和出生日期。" : "输入报名人员的证件类型、证件号码和姓名；新人员由证件号码得出性别和出生日期。"}
        </p>
        <FieldGroup className="grid gap-6 md:grid-cols-2">
          <Field>
            <FieldLabel htmlFor="reg-idType">
              证件类型 <Required />
            </FieldLabel>
            <NativeSelect
              id="reg-idType"
              value={idType}
              disabled={Boolean(employee)}
              onChange={(e) => {
                const t = e.target.value as IdType;
                setIdType(t);
                if (idNumber) onIdEntered({ idType: t, idNumber, name });
              }}
            >
              {(Object.keys(ID_TYPE_LABELS) as IdType[]).map((t) => (
                <option key={t} value={t}>
                  {ID_TYPE_LABELS[t]}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Field data-invalid={errors.idNumber ? true : undefined}>
            <FieldLabel htmlFor="reg-idNumber">
              证件号码 <Required />
            </FieldLabel>
            <Input
              ref={idRef}
              id="reg-idNumber"
              value={idNumber}
              maxLength={30}
              autoComplete="off"
              className="font-mono"
              readOnly={Boolean(employee)}
              aria-invalid={errors.idNumber ? true : undefined}
              aria-describedby={errors.idNumber ? "reg-idNumber-error" : undefined}
              onChange={(e) => {
                setIdNumber(e.target.value);
                setLookup(null);
                setStage(null);
              }}
              onBlur={() => onIdEntered({ idType, idNumber: idNumber.trim(), name: name.trim() })}
            />
            <FieldError id="reg-idNumber-error" errors={[errors.idNumber ? { message: errors.idNumber } : undefined]} />
          </Field>
          <Field data-invalid={errors.name ? true : undefined}>
            <FieldLabel htmlFor="reg-name">
              姓名 <Required />
            </FieldLabel>
            <Input
              id="reg-name"
              value={name}
              maxLength={30}
              autoComplete="off"
              readOnly={Boolean(employee)}
              aria-invalid={errors.name ? true : undefined}
              aria-describedby={errors.name ? "reg-name-error" : undefined}
              onChange={(e) => {
                setName(e.target.value);
                setStage(null);
              }}
              onBlur={() => onIdEntered({ idType, idNumber: idNumber.trim(), name: name.trim() })}
            />
            <FieldError id="reg-name-error" errors={[errors.name ? { message: errors.name } : undefined]} />
          </Field>
          {lookup ? (
            <>
              <Field>
                <FieldLabel htmlFor="reg-gender">性别{isNew ? <Required /> : null}</FieldLabel>
                <NativeSelect id="reg-gender" value={gender} disabled={!isNew || Boolean(derived)} onChange={(e) => setGender(e.target.value as "" | Gender)} aria-invalid={errors.gender ? true : undefined}>
                  <option value="">请选择</option>
                  <option value="M">男</option>
                  <option value="F">女</option>
                </NativeSelect>
                <FieldError errors={[errors.gender ? { message: errors.gender } : undefined]} />
              </Field>
              <Field>
                <FieldLabel htmlFor="reg-birthDate">出生日期</FieldLabel>
                <Input id="reg-birthDate" type="date" value={birthDate} readOnly={!isNew || Boolean(derived)} onChange={(e) => setBirthDate(e.target.value)} />
                <FieldError errors={[errors.birthDate ? { message: errors.birthDate } : undefined]} />
              </Field>
            </>
          ) : null}
          {isNew ? (
            <>
              <Field data-invalid={errors.phone ? true : undefined}>
                <FieldLabel htmlFor="reg-phone">手机号码</FieldLabel>
                <Input id="reg-phone" type="tel" inputMode="numeric" maxLength={11} value={phone} onChange={(e) => setPhone(e.target.value)} aria-invalid={errors.phone ? true : undefined} />
                <FieldError errors={[errors.phone ? { message: errors.phone } : undefined]} />
              </Field>
              <Field>
                <FieldLabel htmlFor="reg-education">学历</FieldLabel>
                <NativeSelect id="reg-education" value={education} onChange={(e) => setEducation(e.target.value)}>
                  <option value="">请选择</option>
                  {EDUCATION_LEVELS.map((l) => (
                    <option key={l} value={l}>
                      {l}
                    </option>
                  ))}
                </NativeSelect>
              </Field>
            </>
          ) : null}
        </FieldGroup>
        <div aria-live="polite" className="grid gap-2">
          {pending ? <p className="text-sm text-muted-foreground">正在查询…</p> : null}
          {isNew ? <p className="text-sm">该证件号码尚未登记，保存时将新建人员，请填写人员信息。</p> : null}
          {lookup?.kind === "known" && lookup.nameMatches === false ? <p className="text-sm text-destructive">姓名与证件号码不符，请核对后重新输入</p> : null}
          {stage ? (
            <Alert variant={stage.mayRegister ? "default" : "destructive"} className={stage.mayRegister ? "border-green-200 bg-green-50 text-green-900" : undefined}>
              <AlertTitle>{stage.mayRegister ? "可以报名" : "不能报名"}</AlertTitle>
              <AlertDescription className={stage.mayRegister ? "text-green-900" : undefined}>{stage.message}</AlertDescription>
            </Alert>
          ) : lookup && !name.trim() ? (
            <p className="text-sm text-muted-foreground">请输入姓名。</p>
          ) : null}
        </div>
      </FieldSet>

      {ready ? (
        <RegistrationForm
          key={`${idType}:${idNumber}:${name}`}
          lookupEmployer={actions.lookupEmployer}
          person={{ id: employee?.id ?? 0, name: name.trim(), idTypeLabel: ID_TYPE_LABELS[idType], idNumber, gender: gender === "M" ? "男" : gender === "F" ? "女" : "" }}
          plan={plan}
          initial={{
            employerName: employee?.employerName ?? defaultEmployerName,
            employerCode: "",
            workStartDate: employee?.workStartDate ?? "",
            yearsOfWork: "",
            resume: [],
            employerOpinion: "",
            photoFileId: employee?.photoFileId ?? "",
          }}
          action={async (values) => {
            const res = await actions.submit(
              employee
                ? { ...values, personId: employee.id }
                : { ...values, personId: undefined, person: { idType, idNumber, name: name.trim(), gender, birthDate, phone, education: education as never } },
            );
            if (!res.ok) {
              const mine = flat(res);
              if (Object.keys(mine).length) setErrors(mine);
            }
            return res;
          }}
          onSaved={(s) => onSaved({ id: s.id, registrationNo: s.registrationNo, name: name.trim() })}
          successPath={`${basePath}/registrations/:id?saved=1`}
          cancelHref={`${basePath}/registrations`}
        />
      ) : null}
    </div>
  );
}

/** The registrant's own field errors ("person.idNumber" …) from a refused lookup or 保存, by field. */
function flat(res: { ok: false; fieldErrors?: Record<string, string[] | undefined> }) {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.fieldErrors ?? {})) {
    const key = k.replace(/^person\./, "");
    if (v?.[0] && ["idNumber", "name", "gender", "birthDate", "phone", "education"].includes(key)) out[key] = v[0];
  }
  return out;
}
