export { CryptoIds } from './crypto-ids.js';
export { NodeFiles } from './node-files.js';
export { NodeProcess } from './node-process.js';
export { SystemClock } from './system-clock.js';
