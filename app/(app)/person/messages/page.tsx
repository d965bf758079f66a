import { messagesRoute } from "@/app/(app)/_shared/messages-route";

export const metadata = { title: "消息" };

export default messagesRoute("person");
