import Forbidden from "../forbidden";

export const metadata = { title: "无权访问" };

/** Where the proxy sends a signed-in user who opened another role's area. */
export default function ForbiddenPage() {
  return <Forbidden />;
}
