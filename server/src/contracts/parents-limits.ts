/** Limits of parent–teacher messages, shared by the server's schemas and the UI (no dependencies). */
export const MESSAGE_MAX_CHARS = 2000;
export const SUBJECT_MAX_CHARS = 150;
