import { relations } from "drizzle-orm";
import { files, organizations, persons, users } from "./accounts";
import { certificates } from "./certificates";
import { examPlans, registrations, rooms, trades, venues } from "./exams";

export const personsRelations = relations(persons, ({ one, many }) => ({
  employer: one(organizations, { fields: [persons.employerOrgId], references: [organizations.id] }),
  photo: one(files, { fields: [persons.photoFileId], references: [files.id] }),
  registrations: many(registrations),
  certificates: many(certificates),
}));

export const usersRelations = relations(users, ({ one }) => ({
  person: one(persons, { fields: [users.personId], references: [persons.id] }),
  organization: one(organizations, { fields: [users.organizationId], references: [organizations.id] }),
}));

export const examPlansRelations = relations(examPlans, ({ one, many }) => ({
  trade: one(trades, { fields: [examPlans.tradeId], references: [trades.id] }),
  registrations: many(registrations),
}));

export const registrationsRelations = relations(registrations, ({ one }) => ({
  plan: one(examPlans, { fields: [registrations.planId], references: [examPlans.id] }),
  person: one(persons, { fields: [registrations.personId], references: [persons.id] }),
  room: one(rooms, { fields: [registrations.roomId], references: [rooms.id] }),
}));

export const roomsRelations = relations(rooms, ({ one }) => ({
  venue: one(venues, { fields: [rooms.venueId], references: [venues.id] }),
}));

export const certificatesRelations = relations(certificates, ({ one }) => ({
  person: one(persons, { fields: [certificates.personId], references: [persons.id] }),
  trade: one(trades, { fields: [certificates.tradeId], references: [trades.id] }),
}));
