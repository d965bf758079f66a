/**
 * The largest spreadsheet the centre may upload (缴费、成绩 and, later, batch registration imports): stated once,
 * read by the form schema, the spreadsheet reader and next.config.ts, whose server-action body limit adds
 * room for the multipart envelope. Photos do not go through server actions but through /api/photos, which
 * has its own limit (PHOTO_MAX_BYTES).
 */
export const UPLOAD_MAX_MB = 30;
export const UPLOAD_MAX_BYTES = UPLOAD_MAX_MB * 1024 * 1024;
/** Server-action body limit: the file plus the form's other fields and the multipart boundaries. */
export const ACTION_BODY_LIMIT_MB = UPLOAD_MAX_MB + 1;
