/**
 * An application's content — attachment 2 (基础信息表), attachment 3 (申报书), the provincial filing
 * status — as zod schemas shared by the server and the web form, with their Chinese labels.
 */
export * from './application/basic-info.js';
export * from './application/content.js';
export * from './application/dates.js';
export * from './application/html.js';
export * from './application/labels.js';
export * from './application/narrative.js';
export * from './application/provincial-filing.js';
export * from './application/stored.js';
export { EMAIL_RE, LANDLINE_RE, MOBILE_RE } from './application/fields.js';
