import { searchResultPlansAction } from "@/app/(app)/_shared/plan-actions";
import { ResultListPage, type ResultSearch } from "@/components/results/result-list-page";
import { requireRole } from "@/lib/auth/guards";

export const metadata = { title: "查看考试结果" };

export default async function ResultsPage(props: { searchParams: Promise<ResultSearch> }) {
  const user = await requireRole("enterprise");
  return <ResultListPage user={user} basePath="/enterprise/results" searchParams={await props.searchParams} searchPlans={searchResultPlansAction} />;
}
