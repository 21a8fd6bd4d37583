/** 查重 (text-reuse detection): pure algorithm shared by the server, the import tool and the bench. */
export * from './normalize.js';
export * from './fingerprint.js';
export * from './passages.js';
export * from './report.js';
export * from './text.js';
export * from './corpus.js';
