export * from "./accounts";
export * from "./exams";
export * from "./certificates";
export * from "./system";
