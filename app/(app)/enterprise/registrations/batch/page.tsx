import { batchRegistrationRoute } from "@/app/(app)/_shared/batch-registration-route";

export const metadata = { title: "批量报名" };

export default batchRegistrationRoute("enterprise");
