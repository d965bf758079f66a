import "server-only";

// Plain serialisable shapes: callers load and scope-check the data, format every date/time in Beijing time,
// and mask ID numbers as their audience requires; the renderers only lay it out.

export type TicketData = {
  ticketNo: string;
  name: string;
  gender: string;
  idType: string;
  idNumber: string;
  tradeName: string;
  planName: string;
  examDate: string;
  examTime: string;
  venueName: string;
  venueAddress: string;
  roomName: string;
  seatNo: string;
  /** 考生须知; line breaks are kept. */
  notes: string;
  /** Normalised one-inch JPEG (lib/photos/normalize), or null for an empty photo box. */
  photoJpeg: Buffer | null;
  verifyUrl: string;
  /** e.g. 北京市建设行业从业人员考务中心 */
  issuer: string;
};

export type RegistrationFormData = {
  registrationNo: string;
  planName: string;
  tradeName: string;
  name: string;
  gender: string;
  idType: string;
  idNumber: string;
  birthDate: string;
  phone: string;
  education: string;
  employerName: string;
  employerCode: string;
  workStartDate: string;
  yearsOfWork: number;
  resume: { period: string; employer: string; post: string }[];
  employerOpinion: string;
  statusLabel: string;
  submittedAt: string;
  photoJpeg: Buffer | null;
};

export type CertificateData = {
  certificateNo: string;
  name: string;
  gender: string;
  /** Masked or full, as the caller decides for its audience. */
  idNumber: string;
  tradeName: string;
  issueDate: string;
  validUntil: string;
  issuer: string;
  /** The state when printed; the QR code leads to the live state. */
  statusLabel: string;
  version: number;
  printedAt: string;
  photoJpeg: Buffer | null;
  verifyUrl: string;
};

/** 证书变更申请表 / 证书进京申请表 as printed: the rows are label / current value / new value (or label / value). */
export type CertificateApplicationFormData = {
  kind: "change" | "transfer_in";
  title: string;
  batchNo: string;
  statusLabel: string;
  submittedAt: string;
  notice: string[];
  /** Who the application is about. */
  person: [string, string][];
  /** 变更: [项目, 原值, 新值]; 进京: [项目, 内容, ""]. */
  rows: [string, string, string][];
  scans: string[];
  submitterName: string;
};
