import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { certificates, persons } from "@/db/schema";
import { getCertificate } from "@/lib/queries/certificates";
import { loadCertificatePdf } from "@/lib/services/certificates";
import { canReadPhoto, uploadPhoto } from "@/lib/services/photos";
import { submitRegistration } from "@/lib/services/registrations";
import { loadTicket } from "@/lib/services/tickets";
import { readFile } from "@/lib/storage/files";
import { actAs } from "../support/users";
import { makePlan } from "./admin-fixtures";
import { makeJpeg, passAndCertify, personAccount, registrationInput, seat, setTicketWindow, uploadJpeg } from "./person-fixtures";

describe("证书照片：证书保留报名时审核通过的照片", () => {
  it("审核通过后再上传新照片并报名其他考试：准考证和证书仍用原报名的照片，持证人可以查看", async () => {
    const user = await personAccount(41);
    const first = await uploadJpeg(user);
    const planA = await makePlan(db, { status: "published" });
    const planB = await makePlan(db, { status: "published" });
    const a = await submitRegistration(db, user, registrationInput(planA.id, first));
    await seat(a.id);

    // A new photo for a new registration: the person's current photo changes, the seated registration's does not.
    const upload = await uploadPhoto(db, user, { data: await makeJpeg(900, 700), declaredType: "image/jpeg", originalName: "new.jpg" });
    if (!upload.ok) throw new Error(upload.error);
    const second = upload.fileId;
    expect(second).not.toBe(first);
    await submitRegistration(db, user, registrationInput(planB.id, second));
    const [person] = await db.select({ photo: persons.photoFileId }).from(persons).where(eq(persons.id, user.personId!));
    expect(person.photo).toBe(second);

    await setTicketWindow(planA.id, -1, 3);
    const ticket = await loadTicket(db, user, a.id);
    expect(ticket.ok && ticket.registration.photoFileId).toBe(first);

    await passAndCertify(a.id);
    const [cert] = await db.select().from(certificates).where(eq(certificates.registrationId, a.id));
    expect(cert.photoFileId).toBe(first);
    expect((await getCertificate(db, user, cert.id))?.photoFileId).toBe(first);
    const pdf = await loadCertificatePdf(db, user, cert.id);
    if (!pdf || "refused" in pdf) throw new Error("证书应可下载");
    const firstBytes = (await readFile(db, first))!.data;
    expect(pdf.photoJpeg?.equals(firstBytes)).toBe(true);
    expect(pdf.photoJpeg?.equals((await readFile(db, second))!.data)).toBe(false);

    // A third upload after issue changes nothing issued.
    const third = await uploadJpeg(user);
    await db.update(persons).set({ photoFileId: third }).where(eq(persons.id, user.personId!));
    const again = await loadCertificatePdf(db, user, cert.id);
    expect(again && !("refused" in again) && again.photoJpeg?.equals(firstBytes)).toBe(true);

    // The holder may still see the certificate's photo; an unrelated person may not.
    expect(await canReadPhoto(db, user, first)).toBe(true);
    const stranger = await personAccount(42);
    expect(await canReadPhoto(db, stranger, first)).toBe(false);
    expect(await canReadPhoto(db, (await actAs("admin"))!, first)).toBe(true);
  });
});
